using System.Globalization;
using System.Text.Json;

namespace Dce.Insight.Traces;

/// <summary>Shapes stored spans as DCE's Jaeger answers: a trace's summary from its root span, the spans with their references and processes.</summary>
internal static class JaegerTraceBuilder
{
    private const string HttpMethod = "http.request.method";
    private const string HttpStatus = "http.response.status_code";

    public static JaegerTrace Trace(IReadOnlyList<StoredSpan> spans, bool withSpans)
    {
        var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.FirstOrDefault(span => span.ParentSpanId is null) ?? spans.FirstOrDefault(span => !ids.Contains(span.ParentSpanId!)) ?? spans[0];
        var processes = spans.Select(span => (span.Service, span.Resource)).Distinct().Select((process, index) => (process, id: $"p{index + 1}")).ToList();
        var processOf = processes.ToDictionary(entry => entry.process, entry => entry.id);
        var start = spans.Min(span => span.StartTime);
        var end = spans.Max(span => span.StartTime.AddTicks(span.DurationNanos / 100));
        var rootTags = Fields(root.Attributes);
        var method = rootTags.FirstOrDefault(tag => tag.Key == HttpMethod)?.VStr;
        return new JaegerTrace(root.TraceId, root.Operation, Time(start), ((end - start).Ticks * 100).ToString(CultureInfo.InvariantCulture), spans.Count,
            spans.Any(span => span.IsError) ? "UNHEALTHY" : "HEALTHY",
            [.. processes.Select(entry => new ProcessMapping(entry.id, new JaegerProcess(entry.process.Service, Fields(entry.process.Resource))))],
            [], method is null ? null : "HTTP", method, rootTags.FirstOrDefault(tag => tag.Key == HttpStatus) is { } status ? status.VInt64 ?? status.VStr : null,
            withSpans ? [.. spans.Select(span => Span(span, processOf[(span.Service, span.Resource)]))] : null);
    }

    public static SpanSummary Summary(StoredSpan span)
    {
        var tags = Fields(span.Attributes);
        var method = tags.FirstOrDefault(tag => tag.Key == HttpMethod)?.VStr;
        return new SpanSummary(span.TraceId, span.SpanId, span.Operation, span.Service, span.IsError ? "UNHEALTHY" : "HEALTHY", method is null ? null : "HTTP",
            method, tags.FirstOrDefault(tag => tag.Key == HttpStatus) is { } status ? status.VInt64 ?? status.VStr : null,
            span.DurationNanos.ToString(CultureInfo.InvariantCulture), DateTime.SpecifyKind(span.StartTime, DateTimeKind.Utc));
    }

    private static JaegerSpan Span(StoredSpan span, string processId) => new(span.TraceId, span.SpanId, span.Operation,
        span.ParentSpanId is null ? [] : [new JaegerReference("CHILD_OF", span.TraceId, span.ParentSpanId)],
        Time(span.StartTime), span.DurationNanos.ToString(CultureInfo.InvariantCulture), SpanCodes.KindNames[Math.Clamp((int)span.Kind, 0, 5)], processId,
        Fields(span.Attributes), Logs(span.Events), span.IsError ? "UNHEALTHY" : "HEALTHY", span.StatusMessage, span.Cluster, span.Namespace);

    private static List<JaegerLog> Logs(string events)
    {
        using var document = JsonDocument.Parse(events);
        return [.. document.RootElement.EnumerateArray().Select(spanEvent => new JaegerLog(
            Time(DateTime.UnixEpoch.AddTicks((long)(spanEvent.GetProperty("time_unix_nano").GetUInt64() / 100))),
            spanEvent.GetProperty("name").GetString() ?? "", Fields(spanEvent.GetProperty("attributes").GetRawText())))];
    }

    /// <summary>A JSON object's members as Jaeger's typed key-values.</summary>
    private static List<JaegerKeyValue> Fields(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(member => member.Value.ValueKind switch
        {
            JsonValueKind.String => new JaegerKeyValue(member.Name, "STRING", VStr: member.Value.GetString()),
            JsonValueKind.True or JsonValueKind.False => new JaegerKeyValue(member.Name, "BOOL", VBool: member.Value.GetBoolean()),
            JsonValueKind.Number when member.Value.TryGetInt64(out var whole) => new JaegerKeyValue(member.Name, "INT64", VInt64: whole.ToString(CultureInfo.InvariantCulture)),
            JsonValueKind.Number => new JaegerKeyValue(member.Name, "FLOAT64", VFloat64: member.Value.GetDouble()),
            _ => new JaegerKeyValue(member.Name, "STRING", VStr: member.Value.GetRawText()),
        })];
    }

    private static string Time(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
