using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>The handlers behind <see cref="ResourceApi"/>, one per generic operation, for any served kind.</summary>
internal static class ResourceHandlers
{
    public static async Task<IResult> ListAsync(ServedResource served, [AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var ns = served.Kind.Namespaced ? http.Request.RouteValues["namespace"]?.ToString() : null;
        var client = await cluster.ClientAsync(cancellationToken);
        var items = await ResourceClient.ListAsync(client, served.Kind, ns, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(items, cluster.Name));
    }

    public static async Task<IResult> ListInClusterAsync(ServedResource served, [AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", served.Permission);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list {served.Segment} in cluster {cluster.Name}.");
        }

        var lists = http.RequestServices.GetRequiredService<ClusterListCache>();
        var items = await lists.ListAsync(await cluster.ConnectAsync(cancellationToken), served.Kind, page.LabelSelector, page.FieldSelector, cancellationToken);
        var visible = items.Where(o => scope.CoversNamespace(cluster.Name, ObjectFields.Metadata(o, "namespace")));
        return DceJson.Ok(page.Of(visible, cluster.Name));
    }

    /// <summary>Every cluster the caller may list the kind in (or the ones <c>clusters</c> names), read at once; a cluster that cannot answer is left out.</summary>
    public static async Task<IResult> ListAcrossClustersAsync(ServedResource served, [AsParameters] ObjectPage page, string? cluster, string? @namespace,
        HttpContext http, ContainerManagementDbContext db, IServiceScopeFactory scopes, ClusterListCache cache, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", served.Permission);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(scope.TouchesCluster).Where(n => string.IsNullOrEmpty(cluster) || n == cluster).ToList();
        var objects = await ClusterFanOut.ReadAsync(scopes, wanted, async (connection, _) =>
        {
            var name = connection.Cluster.Name;
            var items = await cache.ListAsync(connection, served.Kind, page.LabelSelector, page.FieldSelector, cancellationToken);
            return items.Where(o => (string.IsNullOrEmpty(@namespace) || ObjectFields.Metadata(o, "namespace") == @namespace)
                    && scope.CoversNamespace(name, ObjectFields.Metadata(o, "namespace")))
                .Select(o => new ClusterObject(name, o));
        }, cancellationToken);
        return DceJson.Ok(page.Of(objects));
    }

    public static async Task<IResult> GetAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind, NamespaceOf(served, http), name, cancellationToken);
        return DceJson.Ok(new ClusterObject(cluster.Name, found).Stamped());
    }

    public static async Task<IResult> GetJsonAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind, NamespaceOf(served, http), name, cancellationToken);
        return DceJson.Ok(new JsonObject { ["data"] = found.ToJsonString() });
    }

    public static async Task<IResult> CreateAsync(ServedResource served, [AsParameters] TargetCluster cluster, DataBody body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var ns = NamespaceOf(served, http);
        var (obj, problem) = ObjectBody.Read(served, body, ns, routeName: null);
        if (problem is not null)
        {
            return problem;
        }

        var created = await ResourceClient.CreateAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, obj!, cancellationToken);
        Changed(record, served, cluster.Name, ns, created["metadata"]?["name"]?.ToString() ?? "", "created", http);
        return DceJson.Ok(new JsonObject { ["data"] = created.ToJsonString() });
    }

    public static async Task<IResult> UpdateAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, DataBody body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var ns = NamespaceOf(served, http);
        var (obj, problem) = ObjectBody.Read(served, body, ns, routeName: name);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        if (obj!["metadata"]?["resourceVersion"] is null)
        {
            // Without a version the caller means "what is there now"; the cluster still refuses a change made meanwhile.
            var current = await ResourceClient.GetAsync(client, served.Kind, ns, name, cancellationToken);
            obj["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.ToString();
        }

        var replaced = await ResourceClient.ReplaceAsync(client, served.Kind, ns, name, obj, cancellationToken);
        Changed(record, served, cluster.Name, ns, name, "updated", http);
        return DceJson.Ok(new JsonObject { ["data"] = replaced.ToJsonString() });
    }

    public static async Task<IResult> PatchAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (patch, format, problem) = await PatchBody.ReadAsync(http.Request, served, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ns = NamespaceOf(served, http);
        var patched = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, patch!, format, cancellationToken);
        Changed(record, served, cluster.Name, ns, name, "patched", http);
        return DceJson.Ok(new JsonObject { ["data"] = patched.ToJsonString() });
    }

    public static async Task<IResult> DeleteAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var ns = NamespaceOf(served, http);
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, cancellationToken);
        Changed(record, served, cluster.Name, ns, name, "deleted", http);
        return DceJson.Empty();
    }

    internal static void Changed(MutationRecord record, ServedResource served, string cluster, string? ns, string name, string action, HttpContext? http = null)
    {
        // Lists read from a watch: this replica's next list of the kind asks the cluster, so a caller sees its own change.
        http?.RequestServices.GetService<ClusterListCache>()?.NoteWrite(cluster, served.Kind);
        record.Describe(ns is null ? $"{cluster}/{served.Segment}/{name}" : $"{cluster}/{ns}/{served.Segment}/{name}");
        record.Raise(new ResourceChanged(cluster, ns, served.Kind.ApiVersion, served.Kind.Kind, name, action));
    }

    /// <summary>Copies of <paramref name="items"/> marked with their cluster, for answers that reshape them further.</summary>
    internal static IEnumerable<JsonObject> Stamped(IEnumerable<JsonObject> items, string cluster) =>
        items.Select(o => new ClusterObject(cluster, o).Stamped());

    /// <summary>A copy of <paramref name="item"/> marked with its cluster.</summary>
    internal static JsonObject Stamp(JsonObject item, string cluster) => new ClusterObject(cluster, item).Stamped();

    private static string? NamespaceOf(ServedResource served, HttpContext http) =>
        served.Kind.Namespaced ? http.Request.RouteValues["namespace"]?.ToString() : null;

}
