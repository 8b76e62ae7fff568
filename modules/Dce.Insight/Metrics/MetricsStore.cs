using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dce.ServiceDefaults.Api;

namespace Dce.Insight.Metrics;

/// <summary>
/// VictoriaMetrics over its Prometheus-compatible HTTP API: scraped text imported with the labels that say where it came
/// from, and instant and range queries limited by series selectors (<c>extra_filters[]</c>) the engine applies to every
/// series the query reads, so no PromQL is rewritten here.
/// </summary>
public sealed class MetricsStore(HttpClient http)
{
    public static void Configure(HttpClient http, MetricsStoreOptions options)
    {
        http.BaseAddress = options.Endpoint;
        if (options.Username is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        }
    }

    /// <summary>Imports Prometheus exposition text, every sample labelled with <paramref name="labels"/>, stamped now.</summary>
    public async Task ImportAsync(HttpContent exposition, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var query = string.Join('&', labels.Select(label => "extra_label=" + Uri.EscapeDataString($"{label.Key}={label.Value}")));
        using var response = await http.PostAsync("/api/v1/import/prometheus?" + query, exposition, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task<MetricsAnswer> QueryAsync(string promQl, DateTimeOffset? time, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SendAsync("/api/v1/query", [("query", promQl), .. time is null ? [] : new[] { ("time", Seconds(time.Value)) }], filters, cancellationToken);

    public Task<MetricsAnswer> QueryRangeAsync(string promQl, DateTimeOffset start, DateTimeOffset end, TimeSpan step, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SendAsync("/api/v1/query_range", [("query", promQl), ("start", Seconds(start)), ("end", Seconds(end)), ("step", step.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))], filters, cancellationToken);

    /// <summary>Asks the engine's <paramref name="path"/> with <paramref name="parameters"/> as they came, and answers what it answers.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> ForwardAsync(string path, IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        using var response = await PostAsync(path, new FormUrlEncodedContent(parameters), cancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Passes a Prometheus remote-write request (snappy-compressed protobuf) on to the engine: its status and, when refused, its message.</summary>
    public async Task<(HttpStatusCode Status, string Message)> RemoteWriteAsync(byte[] body, string? contentType, string? contentEncoding, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType is { Length: > 0 } ? contentType : "application/x-protobuf");
        if (contentEncoding is { Length: > 0 })
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        using var response = await PostAsync("/api/v1/write", content, cancellationToken);
        return (response.StatusCode, response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<MetricsAnswer> SendAsync(string path, IEnumerable<(string Key, string Value)> parameters, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        var form = parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
            .Concat(filters.Select(filter => new KeyValuePair<string, string>("extra_filters[]", filter)));
        using var response = await PostAsync(path, new FormUrlEncodedContent(form), cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject ?? [];
        return response.IsSuccessStatusCode
            ? new MetricsAnswer(body["data"] as JsonObject ?? [], null, response.StatusCode)
            : new MetricsAnswer(null, body["error"]?.GetValue<string>() ?? response.ReasonPhrase ?? "the metrics engine refused the query", response.StatusCode);
    }

    // A query the engine does not answer in time, or an engine that cannot be reached, is an outage (503), not a bug.
    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await http.PostAsync(path, content, cancellationToken);
        }
        catch (Polly.ExecutionRejectedException rejected)
        {
            throw new DependencyUnavailableException("The metrics engine did not answer in time.", rejected);
        }
        catch (HttpRequestException unreachable)
        {
            throw new DependencyUnavailableException("The metrics engine cannot be reached.", unreachable);
        }
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The engine's <c>data</c> (resultType and result), or its error and status.</summary>
public sealed record MetricsAnswer(JsonObject? Data, string? Error, HttpStatusCode Status);
