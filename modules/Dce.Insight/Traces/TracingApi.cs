using System.Text.Json;
using System.Text.RegularExpressions;
using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>DCE's Jaeger endpoints over the stored spans, within the caller's scope.</summary>
internal static partial class TracingApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapTracingApi(this IEndpointRouteBuilder app)
    {
        var jaeger = app.MapGroup(InsightPaths.Group + "/jaeger/v2").WithTags("Tracing");
        jaeger.MapGet("/traces", FindTracesAsync).WithName("Tracing_FindJaegerTraces").WithSummary("Finds traces by service, operation, duration, tags and time");
        jaeger.MapGet("/traces/{traceId}", FindTraceAsync).WithName("Tracing_FindJaegerTrace").WithSummary("One trace with its whole span tree");
        jaeger.MapPost("/spans", QuerySpansAsync).WithName("Tracing_QuerySpans").WithSummary("Pages through spans that match");
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
        if (Matching(filter, query.ServiceName, query.OperationName, query.DurationMin, query.DurationMax) is { } invalid)
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
        if (!TraceId().IsMatch(traceId))
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

    /// <summary>DCE's <c>v1alpha1SpanQueryParameters</c>, the fields Insight reads.</summary>
    internal sealed record SpanQuery(string? Cluster, string? ClusterName, string? Namespace, IReadOnlyList<string>? ServiceName, IReadOnlyList<string>? OperationName,
        string? DurationMin, string? DurationMax, string? Start, string? End, string? TraceId, int? Page, int? PageSize, string? Sort, bool? OnlyErrorSpans);

    private static async Task<IResult> QuerySpansAsync(HttpContext http, [FromBody] SpanQuery query, TraceReader reader, IOptions<TracesOptions> options, TimeProvider time)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 10;
        if (page < 1 || pageSize < 1)
        {
            return Problems.BadRequest(page < 1 ? "page" : "pageSize", "'page' and 'pageSize' start at 1.");
        }

        if (pageSize > options.Value.MaxQueryLimit)
        {
            return Problems.OverLimit($"'pageSize' {pageSize} is over {options.Value.MaxQueryLimit} (Insight:Traces:MaxQueryLimit).");
        }

        var orderBy = (query.Sort ?? "startTime,desc").Replace(" ", "", StringComparison.Ordinal) switch
        {
            "startTime,desc" or "timestamp,desc" => "s.start_time DESC",
            "startTime,asc" or "timestamp,asc" => "s.start_time ASC",
            "duration,desc" => "s.duration_ns DESC",
            "duration,asc" => "s.duration_ns ASC",
            _ => null,
        };
        if (orderBy is null)
        {
            return Problems.BadRequest("sort", "Sort by 'startTime,desc', 'startTime,asc', 'duration,desc' or 'duration,asc'.");
        }

        if (query.TraceId is { Length: > 0 } id && !TraceId().IsMatch(id))
        {
            return Problems.BadRequest("traceId", $"'{id}' is not a trace id; give its 32 hexadecimal digits.");
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
            return TypedResults.Ok(new SpansChunk([], new Pagination(0, page, pageSize, 0)));
        }

        window!.Apply(filter);
        if (Matching(filter, null, null, query.DurationMin, query.DurationMax) is { } invalid)
        {
            return invalid;
        }

        if (query.ServiceName is { Count: > 0 } services)
        {
            filter.Where($"s.service = ANY({filter.Parameter(services.ToArray())})");
        }

        if (query.OperationName is { Count: > 0 } operations)
        {
            filter.Where($"s.operation = ANY({filter.Parameter(operations.ToArray())})");
        }

        if (query.TraceId is { Length: > 0 } traceId)
        {
            filter.Where($"s.trace_id = {filter.Parameter(Convert.FromHexString(traceId))}");
        }

        if (query.OnlyErrorSpans == true)
        {
            filter.Where($"s.status_code = {SpanCodes.StatusError}");
        }

        var (total, spans) = await reader.SpansAsync(filter, orderBy, (page - 1) * pageSize, pageSize, http.RequestAborted);
        return TypedResults.Ok(new SpansChunk([.. spans.Select(JaegerTraceBuilder.Summary)],
            new Pagination(total, page, pageSize, (total + pageSize - 1) / pageSize)));
    }

    /// <summary>Adds the service, operation and duration conditions; the problem when a duration is not one.</summary>
    private static IResult? Matching(SpanFilter filter, string? service, string? operation, string? durationMin, string? durationMax)
    {
        if (!string.IsNullOrEmpty(service))
        {
            filter.Where($"s.service = {filter.Parameter(service)}");
        }

        if (!string.IsNullOrEmpty(operation))
        {
            filter.Where($"s.operation = {filter.Parameter(operation)}");
        }

        foreach (var (name, text, comparison) in new[] { ("durationMin", durationMin, ">="), ("durationMax", durationMax, "<=") })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!GoDuration.TryParseNanos(text, out var nanos))
            {
                return Problems.BadRequest(name, $"'{text}' is not a duration; write it as 300ms, 1.5s or 2h45m (units ns, us, ms, s, m, h).");
            }

            filter.Where($"s.duration_ns {comparison} {filter.Parameter(nanos)}");
        }

        return null;
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

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex TraceId();
}
