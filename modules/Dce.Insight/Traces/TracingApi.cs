using System.Text.Json;
using Dce.Insight.Apis;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>DCE's Jaeger endpoints over the stored spans, within the caller's scope.</summary>
internal static class TracingApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapTracingApi(this IEndpointRouteBuilder app)
    {
        var jaeger = app.MapGroup(InsightPaths.Group + "/jaeger/v2").WithTags("Tracing");
        jaeger.MapGet("/traces", FindTracesAsync).WithName("Tracing_FindJaegerTraces").WithSummary("Finds traces by service, operation, duration, tags and time");
        jaeger.MapGet("/traces/{traceId}", FindTraceAsync).WithName("Tracing_FindJaegerTrace").WithSummary("One trace with its whole span tree");
        return app;
    }

    /// <summary>The query string of <c>Tracing_FindJaegerTraces</c>; <c>tags</c> is a JSON object of attribute values, as Jaeger's UI sends it.</summary>
    internal sealed record FindTracesQuery(string? ServiceName, string? OperationName, string? Start, string? End, string? DurationMin, string? DurationMax,
        int? Limit, string? Cluster, string? ClusterName, string? Namespace, string? Tags);

    private static async Task<IResult> FindTracesAsync(HttpContext http, [AsParameters] FindTracesQuery query, TraceReader reader, IOptions<TracesOptions> options,
        TimeProvider time)
    {
        var limit = query.Limit ?? 20;
        if (limit < 1 || limit > options.Value.MaxQueryLimit)
        {
            return limit < 1
                ? Problems.BadRequest("limit", "'limit' must be at least 1.")
                : Problems.OverLimit($"'limit' {limit} is over the most traces one query returns, {options.Value.MaxQueryLimit} (Insight:Traces:MaxQueryLimit).");
        }

        var (window, problem) = TimeWindow.Parse(query.Start, query.End, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return problem;
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var filter = new SpanFilter();
        if (!filter.Visible(scope, query.Cluster ?? query.ClusterName, query.Namespace))
        {
            return TypedResults.Ok(new TracesChunk([]));
        }

        window!.Apply(filter);
        if (SpanConditions.Matching(filter, query.ServiceName, query.OperationName, query.DurationMin, query.DurationMax) is { } invalid)
        {
            return invalid;
        }

        if (!string.IsNullOrWhiteSpace(query.Tags))
        {
            if (TagsOf(query.Tags) is not { } tags)
            {
                return Problems.BadRequest("tags", """Give 'tags' as a JSON object of attribute values, e.g. {"http.request.method":"GET"}.""");
            }

            foreach (var (key, value) in tags)
            {
                filter.Where($"s.attributes ->> {filter.Parameter(key)} = {filter.Parameter(value)}");
            }
        }

        var ids = await reader.TraceIdsAsync(filter, limit, http.RequestAborted);
        var visible = new SpanFilter();
        visible.Visible(scope, null, null);
        var spans = await reader.SpansOfAsync(ids, visible, http.RequestAborted);
        var byTrace = spans.ToLookup(span => span.TraceId);
        return TypedResults.Ok(new TracesChunk([.. ids.Where(id => byTrace[id].Any()).Select(id => JaegerTraceBuilder.Trace([.. byTrace[id]], withSpans: false))]));
    }

    private static async Task<IResult> FindTraceAsync(HttpContext http, string traceId, string? cluster, string? clusterName, string? @namespace, TraceReader reader)
    {
        if (!SpanConditions.TraceId().IsMatch(traceId))
        {
            return Problems.BadRequest("traceId", $"'{traceId}' is not a trace id; give its 32 hexadecimal digits.");
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var filter = new SpanFilter();
        var spans = filter.Visible(scope, cluster ?? clusterName, @namespace)
            ? await reader.SpansOfAsync([traceId.ToLowerInvariant()], filter, http.RequestAborted)
            : [];
        return spans.Count == 0
            ? TypedResults.Problem($"No trace {traceId} among the spans you may see.", statusCode: StatusCodes.Status404NotFound, title: "Trace not found")
            : TypedResults.Ok(new TracesChunk([JaegerTraceBuilder.Trace(spans, withSpans: true)]));
    }

    private static Dictionary<string, string>? TagsOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(member => member.Name,
                    member => member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
