using System.Globalization;
using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>
/// Insight's API as the pages call it, as the signed-in user: paths, the time ranges they send, and DCE's metric
/// answers read into chart series. Every answer is already limited by Insight to what the user may read.
/// </summary>
public sealed class Insight(PlatformApi api)
{
    public const string V1 = "/apis/insight.io/v1alpha1";

    public Task<JsonElement> ClustersAsync(CancellationToken cancellationToken = default) => api.GetAsync($"{V1}/clusters", cancellationToken);

    /// <summary>The counts of <c>overview/resources/count</c> by their name (<c>clusters</c>, <c>nodes</c>, <c>pods</c>, …).</summary>
    public async Task<IReadOnlyDictionary<string, double>> CountsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await api.GetAsync($"{V1}/overview/resources/count", cancellationToken);
        return answer.Items("data").ToDictionary(result => result.Text("name"),
            result => result.Prop("data").Items("vector").Select(sample => Number(sample.Prop("values").Text("value"))).FirstOrDefault());
    }

    /// <summary>The named range results of an overview endpoint (<c>range</c> or <c>usage</c>) over the last <paramref name="span"/>, one series per cluster.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ChartSeries>>> OverviewRangesAsync(string endpoint, TimeSpan span, CancellationToken cancellationToken = default)
    {
        var answer = await api.GetAsync($"{V1}/overview/resources/{endpoint}?{Range(span)}", cancellationToken);
        return answer.Items("data").ToDictionary(result => result.Text("name"), result => (IReadOnlyList<ChartSeries>)Series(result.Prop("data"), "cluster"));
    }

    /// <summary>A PromQL range query over the last <paramref name="span"/>, narrowed to a cluster (and namespace); each series named by <paramref name="label"/>.</summary>
    public async Task<IReadOnlyList<ChartSeries>> QueryRangeAsync(string query, string cluster, string? ns, string label, TimeSpan span,
        CancellationToken cancellationToken = default)
    {
        var path = $"{V1}/metric/queryrange?query={Uri.EscapeDataString(query)}&cluster={Uri.EscapeDataString(cluster)}&{Range(span)}"
            + (ns is null ? "" : $"&namespace={Uri.EscapeDataString(ns)}");
        return Series(await api.GetAsync(path, cancellationToken), label);
    }

    public Task<JsonElement> GetAsync(string relative, CancellationToken cancellationToken = default) => api.GetAsync($"{V1}/{relative}", cancellationToken);

    public Task<ApiResult> PostAsync(string relative, object body, CancellationToken cancellationToken = default) =>
        api.AskAsync($"{V1}/{relative}", body, cancellationToken);

    public Task<ApiResult> CreateAsync(string relative, object body, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"{V1}/{relative}", body, cancellationToken);

    public Task<Stream> OpenStreamAsync(string relative, CancellationToken cancellationToken) => api.OpenStreamAsync($"{V1}/{relative}", cancellationToken);

    /// <summary>A PromQL string literal: the value quoted, its quotes and backslashes escaped.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Segment(string value) => Uri.EscapeDataString(value);

    // About 120 points whatever the span: enough for a line, few enough to draw.
    private static string Range(TimeSpan span)
    {
        var end = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var step = Math.Max(15, (long)span.TotalSeconds / 120);
        return $"start={end - (long)span.TotalSeconds}&end={end}&step={step}";
    }

    private static List<ChartSeries> Series(JsonElement answer, string label) =>
    [
        .. answer.Items("matrix").Select(series => new ChartSeries(
            series.Prop("metric").Text(label) is { Length: > 0 } name ? name : "all",
            [.. series.Items("values").Select(pair => new ChartPoint(
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(pair.Text("timestamp"), CultureInfo.InvariantCulture)), Number(pair.Text("value"))))])),
    ];

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : 0;
}
