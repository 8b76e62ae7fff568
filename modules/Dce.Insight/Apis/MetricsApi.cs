using System.Globalization;
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

        var answer = await ScopedQuery.RunAsync(http, cluster ?? clusterName, @namespace,
            filters => store.QueryAsync(query, time is null ? null : DateTimeOffset.FromUnixTimeSeconds(time.Value), filters, http.RequestAborted));
        return answer.Problem ?? TypedResults.Ok(new JsonObject { ["vector"] = Vector(answer.Data) });
    }

    private static async Task<IResult> QueryRangeAsync(HttpContext http, [FromServices] MetricsStore store, [FromServices] IOptions<InsightOptions> options,
        string? query, string? cluster, string? clusterName, string? @namespace, long? start, long? end, double? step)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Problems.BadRequest("query", "Give a PromQL expression in 'query'.");
        }

        var (range, problem) = TimeRange.Parse(start, end, step, options.Value.MaxPointsPerSeries);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await ScopedQuery.RunAsync(http, cluster ?? clusterName, @namespace,
            filters => store.QueryRangeAsync(query, range.From, range.Until, range.Step, filters, http.RequestAborted));
        return answer.Problem ?? TypedResults.Ok(new JsonObject
        {
            ["matrix"] = Matrix(answer.Data),
        });
    }

    /// <summary>DCE's <c>matrix</c> of a range answer.</summary>
    public static JsonArray Matrix(JsonObject? data) => Samples(data, series => series["values"] is JsonArray values
        ? new JsonArray([.. values.OfType<JsonArray>().Select(Pair)])
        : null);

    /// <summary>DCE's <c>vector</c> of an instant answer.</summary>
    public static JsonArray Vector(JsonObject? data) => Samples(data, series => series["value"] is JsonArray pair ? Pair(pair) : null);

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
