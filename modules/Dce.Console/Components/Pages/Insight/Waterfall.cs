using System.Globalization;
using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>
/// Lays a trace's spans (Jaeger's shape, as <c>jaeger/v2/traces/{id}</c> answers) out as a waterfall: parents before
/// their children, siblings by start, each bar placed by its start and sized by its duration relative to the trace.
/// </summary>
public static class Waterfall
{
    public static IReadOnlyList<SpanBar> Lay(JsonElement trace)
    {
        var services = trace.Items("processMap").ToDictionary(mapping => mapping.Text("processId"), mapping => mapping.Prop("process").Text("serviceName"));
        var spans = trace.Items("spans").Select(span => new Span(span.Text("spanId"), ParentOf(span), services.GetValueOrDefault(span.Text("processId"), "?"),
            span.Text("operationName"), span.Text("kind"), Start(span.Text("startTime")), TimeSpan.FromTicks(Nanos(span.Text("duration")) / 100),
            span.Text("status") == "UNHEALTHY", span.Text("statusMessage") is { Length: > 0 } message ? message : null)).ToList();
        if (spans.Count == 0)
        {
            return [];
        }

        var start = spans.Min(span => span.Start);
        var total = Math.Max((spans.Max(span => span.Start + span.Duration) - start).Ticks, 1);
        var ids = spans.Select(span => span.Id).ToHashSet(StringComparer.Ordinal);
        var children = spans.ToLookup(span => span.Parent is { } parent && ids.Contains(parent) ? parent : "");
        var bars = new List<SpanBar>(spans.Count);
        // Depth first by start; spans whose parent is not in the answer (another scope, or the caller's own) start a tree of their own.
        var pending = new Stack<(Span Span, int Depth)>(children[""].OrderByDescending(span => span.Start).Select(span => (span, 0)));
        while (pending.TryPop(out var next))
        {
            var (span, depth) = next;
            bars.Add(new SpanBar(span.Id, span.Service, span.Operation, span.Kind, depth, 100.0 * (span.Start - start).Ticks / total,
                Math.Max(100.0 * span.Duration.Ticks / total, 0.2), span.Duration, span.IsError, span.StatusMessage));
            foreach (var child in children[span.Id].OrderByDescending(child => child.Start))
            {
                pending.Push((child, depth + 1));
            }
        }

        return bars;
    }

    /// <summary>A duration as people read it: µs, ms or s.</summary>
    public static string Read(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => (duration.Ticks / 10.0).ToString("0.#", CultureInfo.InvariantCulture) + " µs",
        < 1000 => duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        _ => duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s",
    };

    public static long Nanos(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nanos) ? nanos : 0;

    private static string? ParentOf(JsonElement span) =>
        span.Items("references").Where(reference => reference.Text("refType") == "CHILD_OF").Select(reference => reference.Text("spanId")).FirstOrDefault();

    private static DateTimeOffset Start(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.MinValue;

    private sealed record Span(string Id, string? Parent, string Service, string Operation, string Kind, DateTimeOffset Start, TimeSpan Duration,
        bool IsError, string? StatusMessage);
}
