using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Instances;
using Dce.Platform.Contracts.DceApi;
using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Apis.Members;

/// <summary>
/// What runs in a member cluster itself, read from the member: its deployments, services and ingresses (whatever
/// propagated them), pods, and namespaces. A member holds more than any one namespace of the instance, so reading it
/// needs a grant on the whole instance.
/// </summary>
internal static class MemberReadsApi
{
    private static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "Deployment");
    private static readonly ResourceKind Services = new("", "v1", "services", "Service");
    private static readonly ResourceKind Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress");
    private static readonly ResourceKind Pods = new("", "v1", "pods", "Pod");
    private static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");
    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);

    public static IEndpointRouteBuilder MapMemberReadsApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup($"{KairshipPaths.Instance}/member-clusters/{{cluster}}").WithTags("Member clusters");
        foreach (var (segment, kind, name) in new[] { ("deployments", Deployments, "Deployments"), ("services", Services, "Services"), ("ingresses", Ingresses, "Ingresses") })
        {
            member.MapGet($"/{segment}", (ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, string? @namespace,
                    [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
                    ListAsync(planes, loader, instance, cluster, kind, @namespace, query, hideValues: false, cancellationToken))
                .WithName($"ListMemberClusterAll{name}").WithSummary($"The {segment} of a member cluster, of every namespace or of ?namespace=.")
                .RequireInstanceAccess("list", "clusters", Reach.Instance);
            member.MapGet($"/namespaces/{{namespace}}/{segment}", (ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, string @namespace,
                    [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
                    ListAsync(planes, loader, instance, cluster, kind, @namespace, query, hideValues: false, cancellationToken))
                .WithName($"ListMemberCluster{name}").WithSummary($"The {segment} of a namespace of a member cluster.")
                .RequireInstanceAccess("list", "clusters", Reach.Instance);
        }

        member.MapGet("/namespacesummary", NamespaceSummaryAsync).WithName("ListMemberClusterNamespaceSummary")
            .WithSummary("The names of a member cluster's namespaces.").RequireInstanceAccess("list", "clusters", Reach.Instance);

        var cluster = app.MapGroup($"{KairshipPaths.Instance}/clusters/{{cluster}}/namespaces/{{namespace}}").WithTags("Member clusters");
        foreach (var (segment, kind, name, hide) in new[] { ("pods", Pods, "Pods", false), ("secrets", Secrets, "Secrets", true), ("services", Services, "Services", false) })
        {
            cluster.MapGet($"/{segment}", (ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, string @namespace,
                    [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
                    ListAsync(planes, loader, instance, cluster, kind, @namespace, query, hide, cancellationToken))
                .WithName($"List{name}ForMemberCluster").WithSummary($"The {segment} of a namespace of a member cluster.")
                .RequireInstanceAccess("list", "clusters", Reach.Instance);
        }

        return app;
    }

    private static async Task<IResult> ListAsync(ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, ResourceKind kind, string? ns,
        KairshipListQuery query, bool hideValues, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(ObjectFields.Sorting) is { } invalid)
        {
            return invalid;
        }

        using var member = await MemberConnection.OpenAsync(planes.Find(instance)!, loader, cluster, cancellationToken);
        var items = await ResourceClient.ListAsync(member, kind, ns, cancellationToken: cancellationToken);
        return DceJson.Of(items.Select(item => Shown(item, hideValues)).ToPage(list, ObjectFields.Sorting));
    }

    private static async Task<IResult> NamespaceSummaryAsync(ControlPlanes planes, KubeconfigLoader loader, string instance, string cluster, CancellationToken cancellationToken)
    {
        using var member = await MemberConnection.OpenAsync(planes.Find(instance)!, loader, cluster, cancellationToken);
        var names = (await ResourceClient.ListAsync(member, Namespaces, null, cancellationToken: cancellationToken)).Select(ObjectFields.Name).Order(StringComparer.Ordinal);
        return DceJson.Ok(new JsonObject { ["data"] = new JsonArray([.. names.Select(name => (JsonNode)new JsonObject { ["name"] = name, ["cluster"] = cluster })]) });
    }

    private static JsonObject Shown(JsonObject item, bool hideValues)
    {
        (item["metadata"] as JsonObject)?.Remove("managedFields");
        return hideValues ? SecretValues.Hide(item) : item;
    }
}
