using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis.Members;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Policies;
using Dce.Platform.Contracts.DceApi;
using k8s.Autorest;

namespace Dce.Multicloud.Apis.Promotion;

/// <summary>
/// DCE's promotion (<c>…/member-clusters/{cluster}/namespaces/{namespace}/deployments/{name}:promote</c>, and of a
/// Service or an Ingress): what runs in one member becomes a multicloud template with a PropagationPolicy that keeps it
/// in that member and takes the member's object over (conflictResolution Overwrite) instead of creating it again, so
/// its pods keep running. The policy can then be widened to more clusters.
/// </summary>
internal static class PromoteApi
{
    public static IEndpointRouteBuilder MapPromoteApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup($"{KairshipPaths.Instance}/member-clusters/{{cluster}}/namespaces/{{namespace}}").WithTags("Member clusters");
        foreach (var segment in new[] { "deployments", "services", "ingresses" })
        {
            var kind = ServedKinds.Of(segment);
            member.MapPost($"/{segment}/{{name}}:promote", (ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, string @namespace, string name,
                    PromoteBody? body, CancellationToken cancellationToken) =>
                    PromoteAsync(planes, loader, kind, instance, cluster, @namespace, name, body?.Services ?? [], cancellationToken))
                .WithName($"PromoteMemberCluster{kind.Kind.Kind}")
                .WithSummary($"Makes a {kind.Kind.Kind} of one member cluster a multicloud {kind.Kind.Kind}, its pods left running.")
                .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
                .Audited("promote", segment)
                .RequireInstanceAccess("list", "clusters", Reach.Instance)
                .RequireInstanceAccess("create", segment, Reach.Namespace);
        }

        return app;
    }

    private static async Task<IResult> PromoteAsync(ControlPlanes planes, KubeconfigLoader loader, ServedKind kind, string instance, string cluster, string ns,
        string name, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        if (NamespacesApi.IsKarmadaOwn(ns))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["namespace"] = [$"namespace {ns} belongs to the cluster's system; promote workloads of application namespaces."] });
        }

        var plane = planes.Find(instance)!;
        if (!(await MemberClusters.ListAsync(plane, cancellationToken)).Any(member => member.Metadata.Name == cluster))
        {
            return TypedResults.Problem($"{cluster} is not a member cluster of instance {instance}; join it first.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        using var member = await MemberConnection.OpenAsync(plane, loader, cluster, cancellationToken);
        var (templates, missing) = await PromotedObjects.ReadAsync(member, cluster, kind.Kind, ns, name, services, cancellationToken);
        if (templates is null)
        {
            return TypedResults.Problem(missing, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (PromotedObjects.IsPropagated(templates[0].Template))
        {
            return TypedResults.Problem($"{kind.Kind.Kind} {ns}/{name} in {cluster} is already propagated by instance {instance}.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        foreach (var (resource, template) in templates)
        {
            if (await PromotedObjects.FindAsync(plane.Client, resource, ns, ObjectFields.Name(template), cancellationToken) is not null)
            {
                return TypedResults.Problem($"{resource.Kind} {ns}/{ObjectFields.Name(template)} already exists in instance {instance}; nothing was promoted.",
                    statusCode: StatusCodes.Status409Conflict, title: "Conflict");
            }
        }

        await EnsureNamespaceAsync(plane, ns, cancellationToken);
        await CreateAllOrNoneAsync(plane, ns, [(ServedKinds.PropagationPolicies.Kind, Policy(kind, name, cluster, templates)), .. templates], cancellationToken);
        return DceJson.Ok(new JsonObject());
    }

    /// <summary>
    /// Creates the objects in order once the control plane has admitted every one of them in a dry run, so that a refusal
    /// (a quota, a validation) throws before anything is written, as the real create would have.
    /// </summary>
    private static async Task CreateAllOrNoneAsync(ControlPlane plane, string ns, List<(ResourceKind Kind, JsonObject Body)> objects, CancellationToken cancellationToken)
    {
        foreach (var (resource, body) in objects)
        {
            await ResourceClient.CreateDryRunAsync(plane.Client, resource, ns, body, cancellationToken);
        }

        foreach (var (resource, body) in objects)
        {
            await ResourceClient.CreateAsync(plane.Client, resource, ns, body, cancellationToken);
        }
    }

    private static JsonObject Policy(ServedKind kind, string name, string cluster, List<(ResourceKind Kind, JsonObject Template)> templates) => new()
    {
        ["apiVersion"] = ServedKinds.PropagationPolicies.Kind.ApiVersion,
        ["kind"] = ServedKinds.PropagationPolicies.Kind.Kind,
        ["metadata"] = new JsonObject { ["name"] = PolicyName(kind, name) },
        ["spec"] = new JsonObject
        {
            ["resourceSelectors"] = new JsonArray([.. templates.Select(pair => (JsonNode)new JsonObject
            {
                ["apiVersion"] = pair.Kind.ApiVersion,
                ["kind"] = pair.Kind.Kind,
                ["name"] = ObjectFields.Name(pair.Template),
            })]),
            ["placement"] = new JsonObject { ["clusterAffinity"] = new JsonObject { ["clusterNames"] = new JsonArray(cluster) } },
            ["conflictResolution"] = "Overwrite",
        },
    };

    private static string PolicyName(ServedKind kind, string name)
    {
        var policy = $"{name}-{kind.Kind.Kind.ToLowerInvariant()}-promoted";
        return policy.Length <= 253 ? policy : policy[..253].TrimEnd('-', '.');
    }

    private static async Task EnsureNamespaceAsync(ControlPlane plane, string ns, CancellationToken cancellationToken)
    {
        if (await PromotedObjects.FindAsync(plane.Client, Namespaces, null, ns, cancellationToken) is null)
        {
            try
            {
                await ResourceClient.CreateAsync(plane.Client, Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, cancellationToken);
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }
    }

    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
}
