using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Logs;
using Dce.Platform.Contracts.Authorization;
using Dce.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Pods at DCE's paths and in DCE's shapes: lists of a namespace, of a cluster and of every cluster the caller may see
/// (with DCE's status figures and filters), a pod, its containers, its log (DCE's lines, or followed as text), deletion.
/// </summary>
public static class PodsApi
{
    internal const string Resource = "pods";
    private const int MaxTailLines = 10_000;

    internal static readonly ServedResource Served = new(ResourceKinds.Pods, "pods", Resource, List | ListInCluster | ListAcrossClusters | Get | Delete, "Pods");

    public static IEndpointRouteBuilder MapPodsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiPaths.V1Alpha1 + "/asl/pods", ListAcrossClustersAsync).WithETag().WithTags("Pods").WithName("ListAllPods")
            .WithSummary("Lists the pods of every cluster the caller may see (or of the clusters named by cluster=, the namespace named by namespace=).");
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithMetadata(Served).WithTags("Pods");
        cluster.MapGet("/pods", ListInClusterAsync).WithETag().WithName("ListClusterPods").WithSummary("Lists the pods of every namespace of the cluster the caller may see.");
        var api = cluster.MapGroup("/namespaces/{namespace}");
        api.MapGet("/pods", ListAsync).WithETag().RequireClusterPermission("list", Resource).WithName("ListPods")
            .WithSummary("Lists pods: paged, sorted, by name, selector, phase, status, owning workload (kind, kindName) or IP.");
        api.MapGet("/pods/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetPod").WithSummary("A pod, with DCE's status figures.");
        api.MapDelete("/pods/{name}", ResourceHandlers.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeletePod").WithSummary("Deletes a pod.");
        api.MapGet("/pods/{name}/containers", ContainersAsync).RequireClusterPermission("get", Resource).WithName("ListContainersByPod")
            .WithSummary("The pod's containers (init containers first) with their state, readiness and restarts.");
        api.MapGet("/pods/{name}/log", LogsAsync).RequireClusterPermission("get", Resource).WithName("GetPodContainerLog")
            .WithSummary("A container's log as DCE's lines {total, data: [{log, timeStamp}]}: the last tailLines lines or sinceSeconds, from startTime to endTime, "
                + "containing logSearch, paged; or followed as text with follow=true, from startTime when given.");
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ObjectPage page, [AsParameters] PodFilter filter,
        CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var pods = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(Described(pods, cluster.Name).Where(filter.Matches)));
    }

    internal static async Task<IResult> ListInClusterAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, [AsParameters] PodFilter filter,
        [FromQuery(Name = "namespace")] string? @namespace, HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list pods in cluster {cluster.Name}.");
        }

        var pods = await http.RequestServices.GetRequiredService<ClusterListCache>()
            .ListAsync(await cluster.ConnectAsync(cancellationToken), Served.Kind, page.LabelSelector, page.FieldSelector, cancellationToken);
        var visible = pods.Where(p => Covers(scope, cluster.Name, p) && InNamespace(p, @namespace)).Select(p => new ClusterObject(cluster.Name, p));
        return DceJson.Ok(DescribedPage(page, filter, visible));
    }

    /// <summary>Every cluster the caller may list pods in (or those <c>cluster</c> names), read at once; a cluster that cannot answer is left out.</summary>
    internal static async Task<IResult> ListAcrossClustersAsync([AsParameters] ObjectPage page, [AsParameters] PodFilter filter, [FromQuery(Name = "cluster")] string[]? clusters,
        [FromQuery(Name = "namespace")] string? @namespace, HttpContext http, ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(scope.TouchesCluster).Where(n => clusters is not { Length: > 0 } || clusters.Contains(n, StringComparer.Ordinal)).ToList();
        var pods = await ClusterFanOut.ReadAsync(scopes, wanted, async (connection, services) =>
        {
            var name = connection.Cluster.Name;
            var listed = await services.GetRequiredService<ClusterListCache>()
                .ListAsync(connection, Served.Kind, page.LabelSelector, page.FieldSelector, cancellationToken);
            return listed.Where(p => Covers(scope, name, p) && InNamespace(p, @namespace)).Select(p => new ClusterObject(name, p));
        }, cancellationToken);
        return DceJson.Ok(DescribedPage(page, filter, pods));
    }

    /// <summary>
    /// The page of pods, each described in DCE's terms. Pods read from a watch are shared, so only the page is described
    /// (on copies); a filter on what the description says (phase, status, owner, address) describes copies of them all first.
    /// </summary>
    private static JsonObject DescribedPage(ObjectPage page, PodFilter filter, IEnumerable<ClusterObject> pods)
    {
        if (!filter.IsEmpty)
        {
            return page.Of(pods.Select(p => new ClusterObject(p.Cluster, PodView.Describe(p.Stamped()))).Where(p => filter.Matches(p.Object)));
        }

        var answer = page.Of(pods);
        var items = answer["items"]!.AsArray();
        var copies = items.OfType<JsonObject>().ToList();
        items.Clear();
        answer["items"] = new JsonArray([.. copies.Select(p => (JsonNode)PodView.Describe(p))]);
        return answer;
    }

    private static bool InNamespace(JsonObject pod, string? ns) =>
        string.IsNullOrEmpty(ns) || ObjectFields.Metadata(pod, "namespace") == ns;

    internal static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var pod = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, cancellationToken);
        return DceJson.Ok(PodView.Describe(ResourceHandlers.Stamp(pod, cluster.Name)));
    }

    internal static async Task<IResult> ContainersAsync([AsParameters] TargetCluster cluster, string @namespace, string name, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = new ObjectPage(page, pageSize, null, null, null, null, null, null);
        if (query.Problem() is { } invalid)
        {
            return invalid;
        }

        var pod = PodView.Describe(await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, cancellationToken));
        return DceJson.Ok(query.Of(PodView.Containers(pod)));
    }

    internal static async Task<IResult> LogsAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, [AsParameters] LogQuery query, HttpContext http,
        LogFollowSlots followSlots, FollowedLog followed, CancellationToken cancellationToken)
    {
        if (query.Problem(MaxTailLines) is { } invalid)
        {
            return invalid;
        }

        var connection = await cluster.ConnectAsync(cancellationToken);
        if (query.Follow != true)
        {
            var text = await PodOperations.LogsAsync(connection.Client, @namespace, name, query.Container, query.TailLines, query.SinceSeconds, timestamps: true, cancellationToken);
            return DceJson.Ok(query.Answer(PodLogLines.Parse(text)));
        }

        var subject = http.User.FindFirst("sub")?.Value ?? "";
        if (await followSlots.TryAcquireAsync(subject) is not { } slot)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many log streams.",
                detail: $"You already follow {followSlots.MaxPerUser} logs; close one and try again.");
        }

        Stream stream;
        try
        {
            stream = await PodOperations.FollowLogsAsync(connection.Streams, @namespace, name, query.Container, query.TailLines, query.SinceSeconds, query.Timestamps == true,
                query.Since, cancellationToken);
        }
        catch
        {
            await followSlots.ReleaseAsync(subject, slot);
            throw;
        }

        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(body => followed.StreamAsync(stream, body, subject, slot, http.RequestAborted), "text/plain");
    }

    private static IEnumerable<JsonObject> Described(IEnumerable<JsonObject> pods, string cluster) =>
        ResourceHandlers.Stamped(pods, cluster).Select(PodView.Describe);

    private static bool Covers(ClusterScope scope, string cluster, JsonObject pod) =>
        scope.CoversNamespace(cluster, ObjectFields.Metadata(pod, "namespace"));
}
