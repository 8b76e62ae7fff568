using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
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
/// The body is DCE's <c>{"data": ...}</c> or the manifest itself (<see cref="ManifestRequest"/>).
/// </summary>
internal static class ManifestEndpoint
{
    public static async Task<IResult> ApplyAsync(ManifestApplyMode mode, TargetCluster cluster, string ns, HttpContext http,
        GlobalManagementClient globalManagement, MutationRecord record, CancellationToken cancellationToken, ManifestAnswer answer = ManifestAnswer.Workload)
    {
        var body = await ManifestBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return ManifestBody.TooLarge();
        }

        var manifest = ManifestRequest.Unwrap(body);

        if (string.IsNullOrWhiteSpace(manifest))
        {
            return new Validation().Require(false, "data", "data is the YAML or JSON manifest of the objects ({\"data\": \"<manifest>\"}), or the body is the manifest itself.").Problem();
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
            var action = mode == ManifestApplyMode.Create ? "created" : "updated";
            if (WorkloadKinds.TryParse(applied.Kind.ToLowerInvariant() + "s", out var kind))
            {
                WorkloadsApi.Changed(record, kind, cluster.Name, applied.Namespace ?? ns, applied.Name, action);
            }
            else if (ServedResources.All.FirstOrDefault(s => s.Kind.Kind == applied.Kind) is { } served)
            {
                ResourceHandlers.Changed(record, served, cluster.Name, applied.Namespace, applied.Name, action);
            }
        }

        return DceJson.Ok(await AnswerAsync(client, result.Applied, answer, cancellationToken));
    }

    /// <summary>
    /// DCE's answers: the workload JSON endpoints answer the applied object (the first workload of the manifest) as JSON
    /// text in <c>data</c>, or the list of what was applied when it holds none; CreateResources answers one text per object.
    /// </summary>
    private static async Task<JsonObject> AnswerAsync(k8s.IKubernetes client, IReadOnlyList<ManifestObject> applied, ManifestAnswer answer, CancellationToken cancellationToken)
    {
        if (answer == ManifestAnswer.Resources)
        {
            return new JsonObject { ["data"] = new JsonArray([.. applied.Select(a => (JsonNode?)JsonSerializer.Serialize(a, Web))]) };
        }

        foreach (var item in applied)
        {
            if (WorkloadKinds.TryParse(item.Kind.ToLowerInvariant() + "s", out var kind) && item.Namespace is { } itemNamespace)
            {
                var obj = await ResourceClient.GetAsync(client, kind.Info().Resource, itemNamespace, item.Name, cancellationToken);
                return new JsonObject { ["data"] = obj.ToJsonString() };
            }
        }

        return new JsonObject { ["data"] = JsonSerializer.Serialize(applied, Web) };
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
