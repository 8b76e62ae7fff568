using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Manifests;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Creates or replaces the objects of a YAML or JSON manifest posted to a namespace: the whole manifest is read and
/// every document checked (shape, kind, namespace, field rules), then every document authorized as its own endpoint
/// would be, then quotas held to their workspace's ceiling, and only then anything applied. Any refusal applies nothing.
/// </summary>
internal static class ManifestEndpoint
{
    public static async Task<IResult> ApplyAsync(ManifestApplyMode mode, TargetCluster cluster, string ns, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken)
    {
        var manifest = await ManifestBody.ReadAsync(http.Request, cancellationToken);
        if (manifest is null)
        {
            return ManifestBody.TooLarge();
        }

        if (string.IsNullOrWhiteSpace(manifest))
        {
            return new Validation().Require(false, "body", "The body is the YAML or JSON manifest of the objects.").Problem();
        }

        var reading = ManifestReader.Read(manifest, ns);
        if (!reading.Succeeded)
        {
            return TypedResults.Problem($"{reading.Problem} Nothing was applied.", statusCode: StatusCodes.Status400BadRequest, title: "The manifest is invalid");
        }

        if (ManifestNamespaceSettings.Validate(reading.Documents) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (await ManifestAuthorization.RefusalAsync(http, cluster.Name, reading.Documents, mode) is { } refused)
        {
            return refused;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        if (await ManifestNamespaceSettings.CeilingProblemAsync(client, cluster.Name, reading.Documents, globalManagement, cancellationToken) is { } exceeded)
        {
            return exceeded;
        }

        var result = await ManifestApplier.ApplyAsync(client, reading.Documents, mode, cluster.Name, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.Problem($"Cluster {cluster.Name}: {result.Message}", statusCode: result.StatusCode,
                title: result.StatusCode == StatusCodes.Status400BadRequest ? "The manifest is invalid" : "Refused by the cluster");
        }

        foreach (var applied in result.Applied)
        {
            if (WorkloadKinds.TryParse(applied.Kind.ToLowerInvariant() + "s", out var kind))
            {
                WorkloadsApi.Changed(record, kind, cluster.Name, applied.Namespace ?? ns, applied.Name, mode == ManifestApplyMode.Create ? "created" : "updated");
            }
        }

        return mode == ManifestApplyMode.Create ? TypedResults.Created((string?)null, result.Applied) : TypedResults.Ok(result.Applied);
    }
}
