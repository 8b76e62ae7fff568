using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Insight.Traces;

/// <summary>
/// DCE's service topology: every service that sent spans in the window is a node, and A→B an edge when a server span of
/// B has a parent span of A, with the rate, errors and latency of those calls. Both ends must be within the caller's scope.
/// </summary>
internal static class ServiceGraphApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapServiceGraphApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(InsightPaths.Group + "/service-graph/graph", GetGraphAsync).WithTags("ServiceGraph").WithName("ServiceGraph_GetGraph")
            .WithSummary("Services as nodes and the calls between them as edges, with rate, error rate and latency");
        app.MapGet(InsightPaths.Group + "/service-graph/node-metrics", GetNodeMetricsAsync).WithTags("ServiceGraph").WithName("ServiceGraph_GetNodeMetrics")
            .WithSummary("A service's request rate, error rate and mean latency over time, from its server spans");
        return app;
    }

    private static async Task<IResult> GetGraphAsync(HttpContext http, [FromBody] GraphQuery query, TraceReader reader, TimeProvider time)
    {
        var (window, problem) = TimeWindow.Parse(query.Start, query.End, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var empty = TypedResults.Ok(new ServiceGraph([], [], "GENERAL", "SERVICE_SCOPE"));
        var nodes = new SpanFilter();
        var calls = new SpanFilter();
        if (!nodes.Visible(scope, null, null) || !calls.Visible(scope, null, null, "c") || !calls.Visible(scope, null, null, "p"))
        {
            return empty;
        }

        window!.Apply(nodes);
        window.Apply(calls, "c");
        Narrow(nodes, query, "s");
        Narrow(calls, query, "c");
        var services = await reader.ServiceFiguresAsync(nodes, serverSpansOnly: false, http.RequestAborted);
        var servers = (await reader.ServiceFiguresAsync(ServerFilter(scope, query, window), serverSpansOnly: true, http.RequestAborted))
            .ToDictionary(entry => entry.Service, entry => entry.Figures);
        var edges = await reader.CallsAsync(calls, http.RequestAborted);
        return TypedResults.Ok(new ServiceGraph(
            [.. services.Select(entry => new GraphNode(entry.Service.Id, "SERVICE",
                new GraphNodeMetadata(entry.Service.Cluster, entry.Service.Namespace, entry.Service.Service, entry.Service.Service),
                servers.GetValueOrDefault(entry.Service, new CallFigures(0, 0, 0, 0)).Statuses(window.Seconds)))],
            [.. edges.Select(edge => new GraphEdge($"{edge.Caller.Id}->{edge.Callee.Id}", edge.Caller.Id, edge.Callee.Id, edge.Figures.Statuses(window.Seconds)))],
            "GENERAL", "SERVICE_SCOPE"));
    }

    internal sealed record NodeMetricsQuery(string? Cluster, string? ClusterName, string? Namespace, string? Service, string? EndTime, string? Lookback, string? Step);

    private static async Task<IResult> GetNodeMetricsAsync(HttpContext http, [AsParameters] NodeMetricsQuery query, TraceReader reader,
        Microsoft.Extensions.Options.IOptions<InsightOptions> insight, TimeProvider time)
    {
        var cluster = query.Cluster ?? query.ClusterName;
        if (string.IsNullOrEmpty(cluster) || string.IsNullOrEmpty(query.Service))
        {
            return Problems.BadRequest(string.IsNullOrEmpty(cluster) ? "cluster" : "service", "Name the 'cluster' (or 'clusterName') and the 'service'.");
        }

        if (!Millis(query.Lookback, DefaultLookback.TotalMilliseconds, out var lookback) || !Millis(query.Step, 60_000, out var step) || lookback <= 0 || step < 1000)
        {
            return Problems.BadRequest("lookback", "'lookback' and 'step' are positive milliseconds; 'step' at least 1000.");
        }

        if (lookback / step > insight.Value.MaxPointsPerSeries)
        {
            return Problems.OverLimit($"'lookback' and 'step' give {lookback / step:F0} points; the limit is {insight.Value.MaxPointsPerSeries}. Use a larger 'step'.");
        }

        var (window, problem) = TimeWindow.Parse(null, query.EndTime, TimeSpan.FromMilliseconds(lookback), time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        var (filter, unavailable) = await TraceServicesApi.ScopedAsync(http, cluster, query.Namespace, window!);
        if (filter is null)
        {
            return unavailable ?? TypedResults.Ok(new NodeMetrics([], [], []));
        }

        filter.Where($"s.service = {filter.Parameter(query.Service)} AND s.kind IN ({SpanCodes.Server}, {SpanCodes.Consumer})");
        var buckets = await reader.HistogramAsync(filter, step / 1000, http.RequestAborted);
        var labels = new Dictionary<string, string> { ["cluster"] = cluster, ["namespace"] = query.Namespace ?? "", ["service"] = query.Service };
        SampleStream Stream(Func<HistogramBucket, double> value) => new(labels, [.. buckets.Select(bucket => new SamplePair(
            new DateTimeOffset(DateTime.SpecifyKind(bucket.Start, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            value(bucket).ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        return TypedResults.Ok(new NodeMetrics(
            [Stream(bucket => bucket.Total / (step / 1000))],
            [Stream(bucket => bucket.Total == 0 ? 0 : (double)bucket.Errors / bucket.Total)],
            [Stream(bucket => bucket.Average / 1e6)]));
    }

    private static bool Millis(string? text, double fallback, out double millis)
    {
        millis = fallback;
        return string.IsNullOrEmpty(text) || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out millis);
    }

    private static SpanFilter ServerFilter(Dce.Platform.Contracts.Authorization.ClusterScope scope, GraphQuery query, TimeWindow window)
    {
        var filter = new SpanFilter();
        filter.Visible(scope, null, null);
        window.Apply(filter);
        Narrow(filter, query, "s");
        return filter;
    }

    /// <summary>The query's clusters, namespaces and services narrow the spans of <paramref name="alias"/>; each list that is given must match.</summary>
    private static void Narrow(SpanFilter filter, GraphQuery query, string alias)
    {
        var clusters = (query.Clusters ?? []).Concat(query.ClusterNames ?? []).Where(name => name.Length > 0).ToArray();
        if (clusters.Length > 0)
        {
            filter.Where($"{alias}.cluster = ANY({filter.Parameter(clusters)})");
        }

        if (query.Namespaces is { Count: > 0 } namespaces)
        {
            filter.Where($"{alias}.namespace = ANY({filter.Parameter(namespaces.ToArray())})");
        }

        if (query.Services is { Count: > 0 } services)
        {
            filter.Where($"{alias}.service = ANY({filter.Parameter(services.ToArray())})");
        }
    }
}
