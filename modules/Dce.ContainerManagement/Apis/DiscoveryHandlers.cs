using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.CustomResources;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;

namespace Dce.ContainerManagement.Apis;

/// <summary>The handlers behind <see cref="DiscoveryApi"/>.</summary>
internal static class DiscoveryHandlers
{
    private const string DefaultIngressClass = "ingressclass.kubernetes.io/is-default-class";

    public static async Task<IResult> CustomResourceGroupsAsync([AsParameters] TargetCluster cluster, HttpContext http, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(http, cluster.Name, "list", CustomResourceTypes.Permission, null) is { } refused)
        {
            return refused;
        }

        var definitions = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.CustomResourceDefinitions, null, cancellationToken: cancellationToken);
        var groups = definitions.Select(d => d["spec"]?["group"]?.ToString()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return DceJson.Ok(new JsonObject { ["items"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) });
    }

    public static async Task<IResult> PreferredResourcesAsync([AsParameters] TargetCluster cluster, bool? namespaced, HttpContext http, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(http, cluster.Name, "get", "clusters", null) is { } refused)
        {
            return refused;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var versions = await ApiDiscovery.PreferredVersionsAsync(client, cancellationToken);
        var lists = await Task.WhenAll(versions.Select(async v => (v.Group, v.Version, Resources: await ApiDiscovery.ResourcesAsync(client, v.Group, v.Version, cancellationToken))));
        var resources = new JsonArray();
        foreach (var (group, version, served) in lists)
        {
            var kept = served.Where(r => namespaced is null || r.Kind.Namespaced == namespaced).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            resources.Add(new JsonObject
            {
                ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
                ["resources"] = new JsonArray([.. kept.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Kind.Plural, ["namespaced"] = r.Kind.Namespaced, ["group"] = group, ["version"] = version, ["kind"] = r.Kind.Kind,
                })]),
            });
        }

        return DceJson.Ok(new JsonObject { ["resources"] = resources });
    }

    public static async Task<IResult> IngressClassesAsync([AsParameters] TargetCluster cluster, string? @namespace, HttpContext http, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(http, cluster.Name, "list", ServedResources.Ingresses, string.IsNullOrEmpty(@namespace) ? null : @namespace) is { } refused)
        {
            return refused;
        }

        var classes = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.IngressClasses, null, cancellationToken: cancellationToken);
        var items = classes.OrderBy(c => c["metadata"]?["name"]?.ToString(), StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c["metadata"]?["name"]?.ToString(),
            ["isDefaultClass"] = c["metadata"]?["annotations"]?[DefaultIngressClass]?.ToString() == "true",
            ["kind"] = c["spec"]?["controller"]?.ToString(),
        });
        return DceJson.Ok(new JsonObject { ["items"] = new JsonArray([.. items]) });
    }

    public static async Task<IResult> AccessibleStorageClassesAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, string? provisioner,
        string? reclaimPolicy, HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        if (await RefusedAsync(http, cluster.Name, "list", ServedResources.Claims, null) is { } refused)
        {
            return refused;
        }

        var classes = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.StorageClasses, null, page.LabelSelector, page.FieldSelector,
            cancellationToken);
        var matching = classes.Where(c => (string.IsNullOrEmpty(provisioner) || c["provisioner"]?.ToString() == provisioner)
            && (string.IsNullOrEmpty(reclaimPolicy) || (c["reclaimPolicy"]?.ToString() ?? "Delete") == reclaimPolicy));
        return DceJson.Ok(page.Of(ResourceHandlers.Stamped(matching, cluster.Name)));
    }

    /// <summary>
    /// DCE's gates: a kubeconfig is handed out (the caller's own, <c>GET /clusters/{cluster}/kubeconfig</c>), no shim
    /// cluster is joined; both locked. A caller who may see no cluster sees no gates.
    /// </summary>
    public static async Task<IResult> FeatureGatesAsync(HttpContext http)
    {
        var scope = await http.ClusterScopeAsync("get", "clusters");
        var visible = scope.All || scope.Clusters.Count > 0 || scope.Namespaces.Count > 0;
        var gates = visible ? new[] { ("DownloadClusterKubeConfig", true), ("IntegrateShimCluster", false) } : [];
        return DceJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. gates.Select(gate => (JsonNode)new JsonObject
            {
                ["name"] = gate.Item1, ["enabled"] = gate.Item2, ["lockToDefault"] = true, ["preRelease"] = "GA",
            })]),
        });
    }

    /// <summary>403 unless the caller may do <paramref name="action"/> on <paramref name="resourceType"/> somewhere in the cluster (in <paramref name="ns"/> when given).</summary>
    private static async Task<IResult?> RefusedAsync(HttpContext http, string cluster, string action, string resourceType, string? ns)
    {
        var scope = await http.ClusterScopeAsync(action, resourceType);
        var allowed = ns is null ? scope.TouchesCluster(cluster) : scope.CoversNamespace(cluster, ns);
        return allowed ? null : Problems.Forbidden($"You may not {action} {resourceType} in {(ns is null ? $"cluster {cluster}" : $"namespace {ns} of cluster {cluster}")}.");
    }
}
