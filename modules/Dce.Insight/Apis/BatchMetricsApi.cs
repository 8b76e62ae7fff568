using System.Net;
using System.Text.Json.Nodes;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Apis;

/// <summary>
/// DCE's batch PromQL endpoints, <c>POST metric/query</c> and <c>POST metric/queryrange</c>: several queries over one
/// scope and one time, each answered in order with its own status, so one query the engine refuses does not fail the rest.
/// </summary>
internal static class BatchMetricsApi
{
    public const int MaxQueries = 50;

    public sealed record MatchLabel(string? Cluster, string? ClusterName, string? Namespace, Dictionary<string, string>? ExtraLabel);

    public sealed record InstantParam(long? Time);

    public sealed record RangeParam(long? Start, long? End, double? Step);

    public sealed record BatchQueryRequest(InstantParam? Param, MatchLabel? MatchLabel, List<string>? QueryList);

    public sealed record BatchQueryRangeRequest(RangeParam? Param, MatchLabel? MatchLabel, List<string>? QueryList);

    public static IEndpointRouteBuilder MapBatchMetricsApi(this IEndpointRouteBuilder app)
    {
        var metric = app.MapGroup(InsightPaths.Group + "/metric").WithTags("Metric");
        metric.MapPost("/query", QueryAsync).WithName("Metric_BatchQueryMetric").WithSummary("Runs several instant PromQL queries over the series the caller may read");
        metric.MapPost("/queryrange", QueryRangeAsync).WithName("Metric_BatchQueryRangeMetric").WithSummary("Runs several PromQL range queries over the series the caller may read");
        return app;
    }

    private static Task<IResult> QueryAsync(HttpContext http, [FromServices] MetricsStore store, BatchQueryRequest request)
    {
        var time = request.Param?.Time is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return RunAsync(http, request.MatchLabel, request.QueryList, "vector",
            (query, filters) => store.QueryAsync(query, time, filters, http.RequestAborted), MetricsApi.Vector);
    }

    private static async Task<IResult> QueryRangeAsync(HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options,
        BatchQueryRangeRequest request)
    {
        var (range, problem) = TimeRange.Parse(request.Param?.Start, request.Param?.End, request.Param?.Step, options.Value.MaxPointsPerSeries);
        return problem ?? await RunAsync(http, request.MatchLabel, request.QueryList, "matrix",
            (query, filters) => store.QueryRangeAsync(query, range.From, range.Until, range.Step, filters, http.RequestAborted), MetricsApi.Matrix);
    }

    private static async Task<IResult> RunAsync(HttpContext http, MatchLabel? match, List<string>? queries, string shape,
        Func<string, IReadOnlyList<string>, Task<MetricsAnswer>> run, Func<JsonObject?, JsonArray> answer)
    {
        if (Check(match, queries) is { } problem)
        {
            return problem;
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var filters = ScopeFilters.For(scope, match?.Cluster ?? match?.ClusterName, match?.Namespace);
        var results = new JsonArray();
        foreach (var query in queries!)
        {
            MetricsAnswer? result = null;
            try
            {
                result = filters is null ? null : await run(query, filters);
            }
            catch (HttpRequestException)
            {
                return Problems.MetricsUnavailable(http);
            }

            if (result is { Error: not null } && result.Status is not (HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity))
            {
                return Problems.MetricsUnavailable(http);
            }

            results.Add(result?.Error is { } refused
                ? new JsonObject { ["data"] = new JsonObject { [shape] = new JsonArray() }, ["status"] = "FAIL", ["errorMessage"] = refused }
                : new JsonObject { ["data"] = new JsonObject { [shape] = answer(result?.Data) }, ["status"] = "SUCCESS" });
        }

        return TypedResults.Ok(new JsonObject { ["data"] = results });
    }

    private static IResult? Check(MatchLabel? match, List<string>? queries)
    {
        if (queries is not { Count: > 0 })
        {
            return Problems.BadRequest("queryList", "Give one or more PromQL expressions in 'queryList'.");
        }

        if (queries.Count > MaxQueries)
        {
            return Problems.OverLimit($"'queryList' holds {queries.Count} queries; the limit is {MaxQueries}. Send them in several requests.");
        }

        if (queries.FindIndex(string.IsNullOrWhiteSpace) is var blank and >= 0)
        {
            return Problems.BadRequest($"queryList[{blank}]", $"'queryList[{blank}]' is empty; give a PromQL expression.");
        }

        return match?.ExtraLabel is { Count: > 0 }
            ? Problems.BadRequest("matchLabel.extraLabel", "'matchLabel.extraLabel' is not supported; put label matchers in the queries themselves.")
            : null;
    }
}
