using System.Text.Json.Nodes;
using Dce.ContainerManagement.Apis.Contract;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes;
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
        return DceJson.Ok(page.Of(Stamped(items, cluster.Name)));
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

        var client = await cluster.ClientAsync(cancellationToken);
        var items = await ResourceClient.ListAsync(client, served.Kind, null, page.LabelSelector, page.FieldSelector, cancellationToken);
        var visible = Stamped(items, cluster.Name).Where(o => scope.CoversNamespace(cluster.Name, o["metadata"]?["namespace"]?.ToString() ?? ""));
        return DceJson.Ok(page.Of(visible));
    }

    /// <summary>Every cluster the caller may list the kind in (or the ones <c>clusters</c> names), read at once; a cluster that cannot answer is left out.</summary>
    public static async Task<IResult> ListAcrossClustersAsync(ServedResource served, [AsParameters] ObjectPage page, string? cluster, string? @namespace,
        HttpContext http, ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", served.Permission);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(scope.TouchesCluster).Where(n => string.IsNullOrEmpty(cluster) || n == cluster).ToList();
        var lists = await Task.WhenAll(wanted.Select(async name =>
        {
            try
            {
                await using var scoped = scopes.CreateAsyncScope();
                var connection = await scoped.ServiceProvider.GetRequiredService<ClusterResolver>().ConnectAsync(name, cancellationToken);
                var items = await ResourceClient.ListAsync(connection.Client, served.Kind, string.IsNullOrEmpty(@namespace) ? null : @namespace,
                    page.LabelSelector, page.FieldSelector, cancellationToken);
                return Stamped(items, name).Where(o => scope.CoversNamespace(name, o["metadata"]?["namespace"]?.ToString() ?? "")).ToList();
            }
            catch (Exception e) when (e is ClusterUnavailableException or HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                return [];
            }
        }));
        return DceJson.Ok(page.Of(lists.SelectMany(l => l)));
    }

    public static async Task<IResult> GetAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind, NamespaceOf(served, http), name, cancellationToken);
        return DceJson.Ok(Stamp(found, cluster.Name));
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
        Changed(record, served, cluster.Name, ns, created["metadata"]?["name"]?.ToString() ?? "", "created");
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
        Changed(record, served, cluster.Name, ns, name, "updated");
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
        Changed(record, served, cluster.Name, ns, name, "patched");
        return DceJson.Ok(new JsonObject { ["data"] = patched.ToJsonString() });
    }

    public static async Task<IResult> DeleteAsync(ServedResource served, [AsParameters] TargetCluster cluster, string name, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var ns = NamespaceOf(served, http);
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, cancellationToken);
        Changed(record, served, cluster.Name, ns, name, "deleted");
        return DceJson.Empty();
    }

    internal static void Changed(MutationRecord record, ServedResource served, string cluster, string? ns, string name, string action)
    {
        record.Describe(ns is null ? $"{cluster}/{served.Segment}/{name}" : $"{cluster}/{ns}/{served.Segment}/{name}");
        record.Raise(new ResourceChanged(cluster, ns, served.Kind.ApiVersion, served.Kind.Kind, name, action));
    }

    private static string? NamespaceOf(ServedResource served, HttpContext http) =>
        served.Kind.Namespaced ? http.Request.RouteValues["namespace"]?.ToString() : null;

    /// <summary>Marks each object with the cluster it came from (<c>metadata.cluster</c>, as DCE's objects carry it).</summary>
    internal static IEnumerable<JsonObject> Stamped(IEnumerable<JsonObject> items, string cluster) =>
        items.Select(o => Stamp(o, cluster));

    internal static JsonObject Stamp(JsonObject item, string cluster)
    {
        if (item["metadata"] is JsonObject metadata)
        {
            metadata["cluster"] = cluster;
        }

        return item;
    }
}
