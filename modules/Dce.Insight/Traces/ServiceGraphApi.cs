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
