using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Workload lists (a namespace, a cluster, every cluster) and reads in DCE's shapes (<see cref="WorkloadObjects"/>),
/// lists as <c>{items, pagination}</c> showing only the namespaces the caller's scope covers.
/// </summary>
internal static class WorkloadReads
{
    public static async Task<IResult> ListAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ObjectPage page,
        CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var items = await ListObjectsAsync(await cluster.ClientAsync(cancellationToken), served.Kind, @namespace, page, cluster.Name, cancellationToken);
        return DceJson.Ok(page.Of(items));
    }

    public static async Task<IResult> ListInClusterAsync(ServedKind served, [AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", WorkloadsApi.Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list workloads in cluster {cluster.Name}.");
        }

        var items = await ListObjectsAsync(await cluster.ClientAsync(cancellationToken), served.Kind, null, page, cluster.Name, cancellationToken);
        return DceJson.Ok(page.Of(items.Where(o => scope.CoversNamespace(cluster.Name, NamespaceOf(o)))));
    }

    /// <summary>Every cluster the caller may list workloads in (or the one <c>cluster</c> names); a cluster that cannot answer is left out.</summary>
    public static async Task<IResult> ListAcrossClustersAsync(ServedKind served, [AsParameters] ObjectPage page, string? cluster, string? @namespace,
        HttpContext http, ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", WorkloadsApi.Resource);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(scope.TouchesCluster).Where(n => string.IsNullOrEmpty(cluster) || n == cluster).ToList();
        var workloads = await ClusterFanOut.ReadAsync(scopes, wanted, async (connection, _) =>
        {
            var name = connection.Cluster.Name;
            var items = await ListObjectsAsync(connection.Client, served.Kind, string.IsNullOrEmpty(@namespace) ? null : @namespace, page, name, cancellationToken);
            return items.Where(o => scope.CoversNamespace(name, NamespaceOf(o)));
        }, cancellationToken);
        return DceJson.Ok(page.Of(workloads));
    }

    public static async Task<IResult> GetAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        return DceJson.Ok(await DceObjectAsync(client, served.Kind, cluster.Name, @namespace, name, cancellationToken));
    }

    /// <summary>DCE's <c>v1alpha1WorkloadJSON</c>: the object as the cluster holds it, as JSON text in <c>data</c>.</summary>
    public static async Task<IResult> GetJsonAsync(ServedKind served, [AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind.Info().Resource, @namespace, name, cancellationToken);
        return DceJson.Ok(new JsonObject { ["data"] = found.ToJsonString() });
    }

    /// <summary>The Jobs a CronJob started (those it owns).</summary>
    public static async Task<IResult> JobsOfCronJobAsync([AsParameters] TargetCluster cluster, string @namespace, string name, [AsParameters] ObjectPage page,
        CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var cronJob = await ResourceClient.GetAsync(client, ResourceKinds.CronJobs, @namespace, name, cancellationToken);
        var uid = cronJob["metadata"]?["uid"]?.ToString();
        var jobs = await ListObjectsAsync(client, WorkloadKind.Job, @namespace, page, cluster.Name, cancellationToken);
        return DceJson.Ok(page.Of(jobs.Where(j => j["metadata"]?["ownerReferences"] is JsonArray owners
            && owners.Any(o => o?["uid"]?.ToString() == uid))));
    }

    /// <summary>The workload in DCE's shape; a StatefulSet's or DaemonSet's revision is its newest ControllerRevision.</summary>
    internal static async Task<JsonObject> DceObjectAsync(k8s.IKubernetes client, WorkloadKind kind, string cluster, string ns, string name, CancellationToken cancellationToken)
    {
        var obj = WorkloadObjects.Of(kind, await ResourceClient.GetAsync(client, kind.Info().Resource, ns, name, cancellationToken), cluster);
        if (kind.Info().Revisions == RevisionHistory.ControllerRevisions
            && (await WorkloadRevisions.ListAsync(client, kind, ns, name, cancellationToken)).LastOrDefault() is { } newest)
        {
            obj["revision"] = newest.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return obj;
    }

    private static async Task<IEnumerable<JsonObject>> ListObjectsAsync(k8s.IKubernetes client, WorkloadKind kind, string? ns, ObjectPage page, string cluster,
        CancellationToken cancellationToken)
    {
        var items = await ResourceClient.ListAsync(client, kind.Info().Resource, ns, page.LabelSelector, page.FieldSelector, cancellationToken);
        return items.Select(o => WorkloadObjects.Of(kind, o, cluster));
    }

    private static string NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.ToString() ?? "";
}
