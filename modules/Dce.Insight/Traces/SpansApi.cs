using System.Globalization;
using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>DCE's span list and span histogram over the stored spans, within the caller's scope.</summary>
internal static class SpansApi
{
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapSpansApi(this IEndpointRouteBuilder app)
    {
        var spans = app.MapGroup(InsightPaths.Group + "/jaeger/v2/spans").WithTags("Tracing");
        spans.MapPost("", QuerySpansAsync).WithName("Tracing_QuerySpans").WithSummary("Pages through spans that match");
        spans.MapPost("/histogram", HistogramAsync).WithName("Tracing_QuerySpanHistogram").WithSummary("Span counts and duration percentiles per interval");
        return app;
    }

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

        var (filter, _, problem) = await FilterAsync(http, query, time);
        if (filter is null)
        {
            return problem ?? TypedResults.Ok(new SpansChunk([], new Pagination(0, page, pageSize, 0)));
        }

        var (total, spans) = await reader.SpansAsync(filter, orderBy, (page - 1) * pageSize, pageSize, http.RequestAborted);
        return TypedResults.Ok(new SpansChunk([.. spans.Select(JaegerTraceBuilder.Summary)],
            new Pagination(total, page, pageSize, (total + pageSize - 1) / pageSize)));
    }

    private static async Task<IResult> HistogramAsync(HttpContext http, [FromBody] SpanQuery query, TraceReader reader, IOptions<InsightOptions> insight, TimeProvider time)
    {
        if (string.IsNullOrEmpty(query.Interval) || !GoDuration.TryParseNanos(query.Interval, out var nanos) || nanos < 1_000_000_000)
        {
            return Problems.BadRequest("interval", "Give the bucket width in 'interval' as a duration of a second or more, e.g. 60s or 1440s.");
        }

        var (filter, window, problem) = await FilterAsync(http, query, time);
        var seconds = nanos / 1e9;
        if (window is not null && window.Seconds / seconds > insight.Value.MaxPointsPerSeries)
        {
            return Problems.OverLimit($"The range and interval give {window.Seconds / seconds:F0} buckets; the limit is {insight.Value.MaxPointsPerSeries}. Use a wider 'interval'.");
        }

        if (filter is null)
        {
            return problem ?? TypedResults.Ok(new SpanHistogram([], []));
        }

        var buckets = await reader.HistogramAsync(filter, seconds, http.RequestAborted);
        return TypedResults.Ok(new SpanHistogram(
            [.. buckets.Select(bucket => new SpanCountBucket(Millis(bucket.Start), Text(bucket.Total - bucket.Errors), Text(bucket.Errors), Text(bucket.Total)))],
            [.. buckets.Select(bucket => new SpanDurationBucket(Millis(bucket.Start), Text(bucket.P75), Text(bucket.P95), Text(bucket.P99), Text(bucket.Average)))]));
    }

    /// <summary>The spans the query asks for within the caller's scope; no filter when nothing is visible, or the problem to answer.</summary>
    private static async Task<(SpanFilter? Filter, TimeWindow? Window, IResult? Problem)> FilterAsync(HttpContext http, SpanQuery query, TimeProvider time)
    {
        if (query.TraceId is { Length: > 0 } id && !SpanConditions.TraceId().IsMatch(id))
        {
            return (null, null, Problems.BadRequest("traceId", $"'{id}' is not a trace id; give its 32 hexadecimal digits."));
        }

        var (window, problem) = TimeWindow.Parse(query.Start, query.End, DefaultLookback, time.GetUtcNow().UtcDateTime);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return (null, window, Problems.ScopeUnavailable(http));
        }

        var filter = new SpanFilter();
        if (!filter.Visible(scope, query.Cluster ?? query.ClusterName, query.Namespace))
        {
            return (null, window, null);
        }

        window!.Apply(filter);
        if (SpanConditions.Matching(filter, null, null, query.DurationMin, query.DurationMax) is { } invalid)
        {
            return (null, window, invalid);
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

        return (filter, window, null);
    }

    private static string Millis(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);
}
