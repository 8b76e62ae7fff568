using System.Net;
using System.Text.Json.Nodes;
using Dce.Insight.Metrics;

namespace Dce.Insight.Apis;

/// <summary>
/// A query run in the metrics engine with the caller's scope as series selectors (<see cref="ScopeFilters"/>), narrowed
/// to a cluster and namespace when given: the problem to answer instead, or the engine's data (null: nothing visible).
/// </summary>
internal static class ScopedQuery
{
    public static async Task<(IResult? Problem, JsonObject? Data)> RunAsync(HttpContext http, string? cluster, string? ns, Func<IReadOnlyList<string>, Task<MetricsAnswer>> run)
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

    /// <summary>The series of an instant query: each one's labels and value.</summary>
    public static async Task<(IResult? Problem, IReadOnlyList<Sample> Samples)> VectorAsync(HttpContext http, MetricsStore store, string promQl, string? cluster, string? ns = null)
    {
        var (problem, data) = await RunAsync(http, cluster, ns, filters => store.QueryAsync(promQl, null, filters, http.RequestAborted));
        return (problem, Sample.Of(data));
    }
}

/// <summary>One series of an instant query.</summary>
internal sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";

    public static IReadOnlyList<Sample> Of(JsonObject? data) =>
        data?["result"] is JsonArray result
            ? [.. result.OfType<JsonObject>().Select(series => new Sample(
                (series["metric"] as JsonObject ?? []).ToDictionary(label => label.Key, label => label.Value?.GetValue<string>() ?? "", StringComparer.Ordinal),
                series["value"] is JsonArray pair && double.TryParse(pair[1]?.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : double.NaN))]
            : [];
}
