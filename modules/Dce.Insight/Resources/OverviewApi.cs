using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Resources;

/// <summary>
/// DCE's overview: <c>resources/count</c> (clusters, nodes, workloads and pods counted now), <c>resources/usage</c>
/// (CPU and memory used per cluster, and the busiest pods, over a range) and <c>resources/range</c> (requests against
/// allocatable per cluster over a range), each a list of query results in a fixed, documented order, within the caller's
/// scope. A pod's <c>metrics</c> are its CPU and memory over a range.
/// </summary>
internal static class OverviewApi
{
    public static (string Name, string Query)[] Usage(int limit) =>
    [
        ("cpu_cores_used", "sum by (cluster) (rate(container_cpu_usage_seconds_total[2m]))"),
        ("memory_bytes_used", "sum by (cluster) (container_memory_working_set_bytes)"),
        ("top_pods_cpu", $"topk({limit}, {KubeStateQueries.PodCpuOfAll})"),
    ];

    public static readonly (string Name, string Query)[] Ranges =
    [
        ("cpu_cores_requested", "sum by (cluster) (kube_pod_container_resource_requests{resource=\"cpu\"})"),
        ("cpu_cores_allocatable", "sum by (cluster) (kube_node_status_allocatable{resource=\"cpu\"})"),
        ("memory_bytes_requested", "sum by (cluster) (kube_pod_container_resource_requests{resource=\"memory\"})"),
        ("memory_bytes_allocatable", "sum by (cluster) (kube_node_status_allocatable{resource=\"memory\"})"),
    ];

    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        var overview = app.MapGroup(InsightPaths.Group + "/overview/resources").WithTags("Overview");
        overview.MapGet("/count", CountAsync).WithName("Overview_GetResourcesCount").WithSummary("Counts clusters, nodes, workloads and pods now");
        overview.MapGet("/usage", (HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options, int? limit, long? start, long? end, double? step) =>
                RangesAsync(http, store, options, Usage(Math.Clamp(limit ?? 5, 1, 100)), start, end, step))
            .WithName("Overview_GetResourcesUsage").WithSummary("CPU and memory used per cluster and by the busiest pods over a range");
        overview.MapGet("/range", (HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options, long? start, long? end, double? step) =>
                RangesAsync(http, store, options, Ranges, start, end, step))
            .WithName("Overview_GetResourcesRange").WithSummary("Requests against allocatable CPU and memory per cluster over a range");
        app.MapGet(InsightPaths.Group + "/clusters/{cluster}/namespaces/{namespace}/pods/{name}/metrics", PodMetricsAsync).WithTags("Resource")
            .WithName("Resource_GetPodMetrics").WithSummary("A pod's CPU and memory over a range");
        return app;
    }

    private static async Task<IResult> CountAsync(HttpContext http, [FromServices] MetricsStore store, long? time)
    {
        var at = time is null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(time.Value);
        var answers = await Task.WhenAll(OverviewCounts.All.Select(count => CountOneAsync(http, store, count, at)));
        return answers.Select(answer => answer.Problem).FirstOrDefault(problem => problem is not null)
            ?? TypedResults.Ok(new JsonObject
            {
                ["data"] = new JsonArray([.. answers.Select((answer, index) => Result(OverviewCounts.All[index].Name, "vector", MetricsApi.Vector(answer.Data)))]),
            });
    }

    // The recorded series first; none in scope (no evaluation yet, no vmalert, or nothing to count) reads the raw ones.
    // "or vector(0)": a count of nothing is 0, not an empty answer.
    private static async Task<(IResult? Problem, JsonObject? Data)> CountOneAsync(HttpContext http, MetricsStore store, OverviewCount count, DateTimeOffset? at)
    {
        var recorded = await ScopedQuery.RunAsync(http, null, null, filters => store.QueryAsync(count.Recorded, at, filters, http.RequestAborted));
        return recorded.Problem is not null || Sample.Of(recorded.Data).Count > 0
            ? recorded
            : await ScopedQuery.RunAsync(http, null, null, filters => store.QueryAsync($"({count.Raw}) or vector(0)", at, filters, http.RequestAborted));
    }

    private static async Task<IResult> RangesAsync(HttpContext http, MetricsStore store, IOptions<InsightOptions> options,
        (string Name, string Query)[] queries, long? start, long? end, double? step, string? cluster = null, string? ns = null)
    {
        var (range, problem) = TimeRange.Parse(start, end, step, options.Value.MaxPointsPerSeries);
        if (problem is not null)
        {
            return problem;
        }

        var answers = await Task.WhenAll(queries.Select(query => ScopedQuery.RunAsync(http, cluster, ns,
            filters => store.QueryRangeAsync(query.Query, range.From, range.Until, range.Step, filters, http.RequestAborted))));
        return answers.Select(answer => answer.Problem).FirstOrDefault(found => found is not null)
            ?? TypedResults.Ok(new JsonObject
            {
                [cluster is null ? "data" : "metrics"] = new JsonArray([.. answers.Select((answer, index) => Result(queries[index].Name, "matrix", MetricsApi.Matrix(answer.Data)))]),
            });
    }

    private static Task<IResult> PodMetricsAsync(HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options,
        string cluster, string @namespace, string name, long? start, long? end, double? step)
    {
        if (ResourcesApi.Invalid(("cluster", cluster), ("namespace", @namespace), ("name", name)) is { } invalid)
        {
            return Task.FromResult(invalid);
        }

        var pod = KubeStateQueries.Quote(name);
        return RangesAsync(http, store, options,
        [
            ("cpu_cores_used", $"sum by (container) (rate(container_cpu_usage_seconds_total{{pod={pod}}}[2m]))"),
            ("memory_bytes_used", $"sum by (container) (container_memory_working_set_bytes{{pod={pod}}})"),
        ], start, end, step, cluster, @namespace);
    }

    // DCE's BatchQueryResult; "name" says which of the fixed queries it answers.
    private static JsonObject Result(string name, string shape, JsonArray samples) => new()
    {
        ["name"] = name,
        ["data"] = new JsonObject { [shape] = samples },
        ["status"] = "SUCCESS",
    };
}
