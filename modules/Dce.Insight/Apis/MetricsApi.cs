using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Apis;

/// <summary>
/// DCE's PromQL endpoints, <c>metric/query</c> and <c>metric/queryrange</c>: the query runs in the metrics engine limited
/// to the series of the caller's workspaces (<see cref="ScopeFilters"/>), optionally narrowed to one cluster and namespace.
/// </summary>
internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var metric = app.MapGroup(InsightPaths.Group + "/metric").WithTags("Metric");
        metric.MapGet("/query", QueryAsync).WithName("Metric_QueryMetric").WithSummary("Runs an instant PromQL query over the series the caller may read");
        metric.MapGet("/queryrange", QueryRangeAsync).WithName("Metric_QueryRangeMetric").WithSummary("Runs a PromQL range query over the series the caller may read");
        return app;
    }

    private static async Task<IResult> QueryAsync(HttpContext http, [FromServices] MetricsStore store,
        string? query, string? cluster, string? clusterName, string? @namespace, long? time)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Problems.BadRequest("query", "Give a PromQL expression in 'query', e.g. kube_deployment_status_replicas_available.");
        }

        var answer = await RunScopedAsync(http, cluster ?? clusterName, @namespace,
            filters => store.QueryAsync(query, time is null ? null : DateTimeOffset.FromUnixTimeSeconds(time.Value), filters, http.RequestAborted));
        return answer.Result ?? TypedResults.Ok(new JsonObject { ["vector"] = Samples(answer.Data, series => series["value"] is JsonArray pair ? Pair(pair) : null) });
    }

    private static async Task<IResult> QueryRangeAsync(HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options,
        string? query, string? cluster, string? clusterName, string? @namespace, long? start, long? end, double? step)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Problems.BadRequest("query", "Give a PromQL expression in 'query'.");
        }

        var until = end is null ? DateTimeOffset.UtcNow : DateTimeOffset.FromUnixTimeSeconds(end.Value);
        var from = start is null ? until.AddHours(-1) : DateTimeOffset.FromUnixTimeSeconds(start.Value);
        if (from > until)
        {
            return Problems.BadRequest("start", $"'start' ({from.ToUnixTimeSeconds()}) is after 'end' ({until.ToUnixTimeSeconds()}).");
        }

        var interval = TimeSpan.FromSeconds(step ?? Math.Max(15, Math.Ceiling((until - from).TotalSeconds / 250)));
        if (interval <= TimeSpan.Zero || double.IsNaN(interval.TotalSeconds))
        {
            return Problems.BadRequest("step", "'step' must be a positive number of seconds.");
        }

        var points = (until - from) / interval;
        if (points > options.Value.MaxPointsPerSeries)
        {
            return Problems.OverLimit($"The range and step give {points:F0} points per series; the limit is {options.Value.MaxPointsPerSeries}. Use a larger 'step' or a shorter range.");
        }

        var answer = await RunScopedAsync(http, cluster ?? clusterName, @namespace,
            filters => store.QueryRangeAsync(query, from, until, interval, filters, http.RequestAborted));
        return answer.Result ?? TypedResults.Ok(new JsonObject
        {
            ["matrix"] = Samples(answer.Data, series => series["values"] is JsonArray values
                ? new JsonArray([.. values.OfType<JsonArray>().Select(Pair)])
                : null),
        });
    }

    /// <summary>Runs the query with the caller's scope; the problem to answer instead, or the engine's data (null: nothing visible).</summary>
    private static async Task<(IResult? Result, JsonObject? Data)> RunScopedAsync(HttpContext http, string? cluster, string? ns, Func<IReadOnlyList<string>, Task<MetricsAnswer>> run)
    {
        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return (Problems.ScopeUnavailable(http), null);
        }

        if (ScopeFilters.For(scope, cluster, ns) is not { } filters)
        {
            return (null, null);
        }

        MetricsAnswer answer;
        try
        {
            answer = await run(filters);
        }
        catch (HttpRequestException)
        {
            return (Problems.MetricsUnavailable(http), null);
        }

        return answer.Error is null
            ? (null, answer.Data)
            : answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                ? (Problems.BadRequest("query", answer.Error), null)
                : (Problems.MetricsUnavailable(http), null);
    }

    /// <summary>DCE's samples: <c>{metric, values}</c> per series, from the engine's vector or matrix.</summary>
    private static JsonArray Samples(JsonObject? data, Func<JsonObject, JsonNode?> values) =>
        data?["result"] is JsonArray result
            ? new JsonArray([.. result.OfType<JsonObject>().Select(series => new JsonObject
            {
                ["metric"] = series["metric"]?.DeepClone() ?? new JsonObject(),
                ["values"] = values(series),
            })])
            : [];

    private static JsonObject Pair(JsonArray pair) => new()
    {
        ["timestamp"] = ((long)(pair[0]!.GetValue<double>() * 1000)).ToString(CultureInfo.InvariantCulture),
        ["value"] = pair[1]?.GetValue<string>(),
    };
}
