using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;

namespace Dce.ContainerManagement.Apis.CustomResources;

/// <summary>The route's group, version and resource.</summary>
public sealed record GroupVersionResource(string Group, string Version, string Resource);

/// <summary>
/// The handlers behind <see cref="CustomResourceApi"/>: each first learns from the cluster's discovery which resource the
/// path names and whether it lives in a namespace, then serves it like any kind of the generic endpoints.
/// </summary>
internal static class CustomResourceHandlers
{
    private static readonly string[] Propagations = ["Foreground", "Background", "Orphan"];

    public static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, [AsParameters] ObjectPage page,
        bool? showDetail, string? ownerReference, HttpContext http, CustomResourceTypes types, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: true, cancellationToken);
        if (served is null)
        {
            return problem!;
        }

        var items = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), served.Kind, NamespaceOf(http), page.LabelSelector, page.FieldSelector, cancellationToken);
        var answer = page.Of(items.Where(o => CustomResourceView.OwnedBy(o, ownerReference)));
        answer["items"] = new JsonArray([.. answer["items"]!.AsArray().OfType<JsonObject>().Select(o => (JsonNode)CustomResourceView.Of(o, showDetail == true))]);
        return DceJson.Ok(answer);
    }

    public static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, HttpContext http,
        CustomResourceTypes types, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        if (served is null)
        {
            return problem!;
        }

        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind, NamespaceOf(http), name, cancellationToken);
        return DceJson.Ok(CustomResourceView.Of(found, withData: true));
    }

    public static async Task<IResult> GetJsonAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, HttpContext http,
        CustomResourceTypes types, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        return served is null ? problem! : await ResourceHandlers.GetJsonAsync(served, cluster, name, http, cancellationToken);
    }

    public static async Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, DataBody body, HttpContext http,
        CustomResourceTypes types, MutationRecord record, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        return served is null ? problem! : await ResourceHandlers.CreateAsync(served, cluster, body, http, record, cancellationToken);
    }

    public static async Task<IResult> UpdateAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, DataBody body,
        HttpContext http, CustomResourceTypes types, MutationRecord record, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        return served is null ? problem! : await ResourceHandlers.UpdateAsync(served, cluster, name, body, http, record, cancellationToken);
    }

    /// <summary>Replaces the status only, through the <c>/status</c> subresource (the rest of the data is ignored by the cluster).</summary>
    public static async Task<IResult> UpdateStatusAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, DataBody body,
        HttpContext http, CustomResourceTypes types, MutationRecord record, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        if (served is null)
        {
            return problem!;
        }

        var ns = NamespaceOf(http);
        var (obj, invalid) = ObjectBody.Read(served, body, ns, routeName: name);
        if (invalid is not null)
        {
            return invalid;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        if (obj!["metadata"]?["resourceVersion"] is null)
        {
            var current = await ResourceClient.GetAsync(client, served.Kind, ns, name, cancellationToken);
            obj["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.ToString();
        }

        var replaced = await ResourceClient.ReplaceStatusAsync(client, served.Kind, ns, name, obj, cancellationToken);
        ResourceHandlers.Changed(record, served, cluster.Name, ns, name, "updated");
        return DceJson.Ok(new JsonObject { ["data"] = replaced.ToJsonString() });
    }

    public static async Task<IResult> PatchAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, HttpContext http,
        CustomResourceTypes types, MutationRecord record, CancellationToken cancellationToken)
    {
        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        if (served is null)
        {
            return problem!;
        }

        var (patch, invalid) = await CustomResourcePatch.ReadAsync(http.Request, cancellationToken);
        if (patch is null)
        {
            return invalid!;
        }

        var ns = NamespaceOf(http);
        var patched = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, patch.Patch, patch.Format, patch.Subresource,
            MutationRecord.Module, cancellationToken);
        ResourceHandlers.Changed(record, served, cluster.Name, ns, name, "patched");
        return DceJson.Ok(new JsonObject { ["data"] = patched.ToJsonString() });
    }

    public static async Task<IResult> DeleteAsync([AsParameters] TargetCluster cluster, [AsParameters] GroupVersionResource gvr, string name, string? deletionPropagation,
        HttpContext http, CustomResourceTypes types, MutationRecord record, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(deletionPropagation) && !Propagations.Contains(deletionPropagation, StringComparer.Ordinal))
        {
            return new Validation().Require(false, "deletionPropagation", "deletionPropagation is Foreground, Background or Orphan.").Problem();
        }

        var (served, problem) = await ResolveAsync(cluster, gvr, http, types, list: false, cancellationToken);
        if (served is null)
        {
            return problem!;
        }

        var ns = NamespaceOf(http);
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name,
            string.IsNullOrEmpty(deletionPropagation) ? null : deletionPropagation, cancellationToken);
        ResourceHandlers.Changed(record, served, cluster.Name, ns, name, "deleted");
        return DceJson.Empty();
    }

    /// <summary>
    /// The served resource, held to the route's scope: a cluster-scoped resource has no namespace in its path; a namespaced
    /// one is reached through its namespace, except for the list of the whole cluster (which needs the right on the cluster).
    /// </summary>
    private static async Task<(ServedResource?, IResult?)> ResolveAsync(TargetCluster cluster, GroupVersionResource gvr, HttpContext http, CustomResourceTypes types,
        bool list, CancellationToken cancellationToken)
    {
        var (served, problem) = await types.ResolveAsync(cluster, gvr.Group, gvr.Version, gvr.Resource, cancellationToken);
        if (served is null)
        {
            return (null, problem);
        }

        var name = $"{gvr.Resource}.{gvr.Group}";
        var ns = NamespaceOf(http);
        if (ns is not null && !served.Kind.Namespaced)
        {
            return (null, new Validation().Require(false, "namespace",
                $"{name} is cluster-scoped: use /clusters/{cluster.Name}/gvr/{gvr.Group}/{gvr.Version}/{gvr.Resource}.").Problem());
        }

        if (ns is null && served.Kind.Namespaced && !list)
        {
            return (null, new Validation().Require(false, "namespace",
                $"{name} lives in a namespace: use /clusters/{cluster.Name}/gvr/{gvr.Group}/{gvr.Version}/namespaces/{{namespace}}/{gvr.Resource}.").Problem());
        }

        return (served, null);
    }

    private static string? NamespaceOf(HttpContext http) => http.Request.RouteValues["namespace"]?.ToString();
}
