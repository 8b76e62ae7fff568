using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Logs;

/// <summary>DCE's Kubernetes event endpoints over the stored events, each answer limited to the caller's scope.</summary>
internal static class EventsApi
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup(InsightPaths.Group + "/event").WithTags("Event");
        events.MapGet("/cluster/{clusterName}/events", QueryAsync).WithName("Event_QueryEvents").WithSummary("The events of a cluster, newest first");
        events.MapGet("/cluster/{clusterName}/events/context", ContextAsync).WithName("Event_QueryEventContext").WithSummary("The events around an instant");
        events.MapPost("/cluster/{clusterName}/events/count", CountAsync).WithName("Event_QueryEventCount").WithSummary("How many events match each filter");
        events.MapGet("/cluster/{clusterName}/events/histogram", HistogramAsync).WithName("Event_QueryEventHistogram").WithSummary("Normal and Warning events per interval");
        events.MapGet("/cluster/{clusterName}/events/filter-options", FilterOptionsAsync).WithName("Event_QueryEventFilterOptions").WithSummary("The reasons and kinds seen");
        events.MapGet("/reasons", ReasonsAsync).WithName("Event_GetReasons").WithSummary("The reasons seen per kind of object");
        return app;
    }

    private static async Task<IResult> QueryAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options, string clusterName,
        string? startTime, string? endTime, string? @namespace, [AsParameters] EventFilterQuery filter, string? sort, int? page, int? pageSize)
    {
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (size < 1 || number < 1)
        {
            return Problems.BadRequest(size < 1 ? "pageSize" : "page", "'page' and 'pageSize' start at 1.");
        }

        if (size > options.Value.MaxPageSize)
        {
            return Problems.OverLimit($"'pageSize' {size} is over the limit Insight:Logs:MaxPageSize ({options.Value.MaxPageSize}).");
        }

        if ((long)number * size > options.Value.MaxPageDepth)
        {
            return Problems.OverLimit($"Page {number} of {size} reaches past the limit Insight:Logs:MaxPageDepth ({options.Value.MaxPageDepth} events); narrow the time range.");
        }

        var prepared = await PrepareAsync(http, startTime, endTime, options.Value, clusterName, @namespace, filter.ToFilter());
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var oldestFirst = sort is { } order && order.Contains("asc", StringComparison.OrdinalIgnoreCase);
        var rows = await search.PageAsync(prepared.Where!(), oldestFirst, (number - 1) * size, size, http.RequestAborted);
        var total = await search.CountAsync(prepared.Where!(), http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. rows.Select(row => row.ToJson())]),
            ["pagination"] = new JsonObject { ["total"] = total, ["page"] = number, ["pageSize"] = size, ["pages"] = (total + size - 1) / size },
        });
    }

    private static async Task<IResult> ContextAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options, string clusterName,
        string? timestamp, string? @namespace, [AsParameters] EventFilterQuery filter, int? before, int? after)
    {
        if (!DateTime.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return Problems.BadRequest("timestamp", "Give the instant to look around in 'timestamp' (RFC 3339).");
        }

        var (older, newer) = (before ?? 10, after ?? 10);
        if (older < 0 || newer < 0)
        {
            return Problems.BadRequest("before", "'before' and 'after' count events and cannot be negative.");
        }

        if (older + newer > options.Value.MaxPageSize)
        {
            return Problems.OverLimit($"'before' and 'after' ask {older + newer} events; the limit Insight:Logs:MaxPageSize is {options.Value.MaxPageSize}.");
        }

        var half = options.Value.MaxRange / 2;
        var prepared = await PrepareAsync(http, (at - half).ToString("O"), (at + half).ToString("O"), options.Value, clusterName, @namespace, filter.ToFilter());
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var rows = await search.AroundAsync(prepared.Where!(), at, older, newer, http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. rows.Select(row => row.ToJson())]),
            ["pagination"] = new JsonObject { ["total"] = rows.Count, ["page"] = 1, ["pageSize"] = rows.Count, ["pages"] = 1 },
        });
    }

    private static async Task<IResult> CountAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options, string clusterName,
        QueryEventCountRequest request)
    {
        var filters = request.Filters is { Count: > 0 } given ? given.Select(f => f.Filter).ToList() : DefaultCountFilters;
        var counts = new JsonArray();
        foreach (var filter in filters)
        {
            var prepared = await PrepareAsync(http, request.StartTime, request.EndTime, options.Value, clusterName, request.Namespace, filter);
            if (prepared.Problem is not null)
            {
                return prepared.Problem;
            }

            counts.Add((await search.CountAsync(prepared.Where!(), http.RequestAborted)).ToString(CultureInfo.InvariantCulture));
        }

        return TypedResults.Ok(new JsonObject { ["items"] = counts });
    }

    private static async Task<IResult> HistogramAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options, string clusterName,
        string? startTime, string? endTime, string? interval, string? @namespace)
    {
        var prepared = await PrepareAsync(http, startTime, endTime, options.Value, clusterName, @namespace, null);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var range = prepared.Range;
        var step = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((range.Until - range.From).TotalSeconds / 60)));
        if (interval is { Length: > 0 } text && !Durations.TryParse(text, out step))
        {
            return Problems.BadRequest("interval", $"'{text}' is not a duration; give e.g. 30s, 5m or 1h.");
        }

        if ((range.Until - range.From) / step > 10_000)
        {
            return Problems.OverLimit("The range and 'interval' give more than 10000 buckets; use a larger 'interval'.");
        }

        var buckets = await search.HistogramAsync(prepared.Where!(), step, range.From, http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. buckets.Select(b => new JsonObject
            {
                ["timestamp"] = EventRow.Stamp(b.Bucket),
                ["normalCount"] = b.Normal.ToString(CultureInfo.InvariantCulture),
                ["warningCount"] = b.Warning.ToString(CultureInfo.InvariantCulture),
            })]),
            ["totalNormal"] = buckets.Sum(b => b.Normal).ToString(CultureInfo.InvariantCulture),
            ["totalWarning"] = buckets.Sum(b => b.Warning).ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<IResult> FilterOptionsAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options, string clusterName,
        string? startTime, string? endTime, string? @namespace)
    {
        var prepared = await PrepareAsync(http, startTime, endTime, options.Value, clusterName, @namespace, null);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var reasons = await search.DistinctAsync(prepared.Where!(), "reason", http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["reasons"] = new JsonArray([.. reasons.Select(r => r.Value).Distinct().Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]),
            ["involvedObjectKinds"] = new JsonArray([.. reasons.Select(r => r.Kind).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
        });
    }

    private static async Task<IResult> ReasonsAsync(HttpContext http, [FromServices] EventSearch search, [FromServices] IOptions<LogsOptions> options)
    {
        var prepared = await PrepareAsync(http, null, null, options.Value, null, null, null);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var reasons = await search.DistinctAsync(prepared.Where!(), "reason", http.RequestAborted);
        JsonArray Of(string kind) => new([.. reasons.Where(r => r.Kind == kind).Select(r => JsonValue.Create(r.Value))]);
        return TypedResults.Ok(new JsonObject
        {
            ["node"] = Of("Node"), ["daemonSet"] = Of("DaemonSet"), ["deployment"] = Of("Deployment"),
            ["job"] = Of("Job"), ["pod"] = Of("Pod"), ["statefulSet"] = Of("StatefulSet"),
        });
    }

    private static async Task<(IResult? Problem, TimeRange Range, Func<SqlWhere>? Where)> PrepareAsync(HttpContext http, string? startTime, string? endTime,
        LogsOptions options, string? cluster, string? ns, EventFilter? filter)
    {
        if (TimeRange.TryParse(startTime, endTime, DefaultSpan, options.MaxRange, out var range) is { } badRange)
        {
            return (badRange, default, null);
        }

        try
        {
            filter?.ApplyTo(new SqlWhere());
        }
        catch (TextQueryException error)
        {
            return (Problems.InvalidQuery("filter", error.Message, error.Position), default, null);
        }

        if (await CallerScope.ResolveAsync(http) is not ClusterScope scope)
        {
            return (Problems.ScopeUnavailable(http), default, null);
        }

        return (null, range, () => EventSearch.Where(scope, range, cluster, ns, filter));
    }

    /// <summary>DCE's defaults for <c>Event_QueryEventCount</c>: image pulls failing, probes failing, pods failing, unscheduled, restarting, unmounted.</summary>
    private static readonly List<EventFilter> DefaultCountFilters =
    [
        new(null, null, "BackOff", null, "\"Back-off pulling image\""),
        new(null, null, "Unhealthy", null, null),
        new(null, "Pod", "Failed", null, null),
        new(null, "Pod", "FailedScheduling", null, null),
        new(null, null, "BackOff", null, "\"Back-off restarting failed container\""),
        new(null, null, "FailedMount", null, null),
    ];
}

/// <summary>DCE's <c>filter.*</c> query parameters of the event endpoints.</summary>
internal sealed class EventFilterQuery
{
    [FromQuery(Name = "filter.type")] public string? Type { get; init; }
    [FromQuery(Name = "filter.involveObjectKind")] public string? InvolveObjectKind { get; init; }
    [FromQuery(Name = "filter.reason")] public string? Reason { get; init; }
    [FromQuery(Name = "filter.involveObjectName")] public string? InvolveObjectName { get; init; }
    [FromQuery(Name = "filter.message")] public string? Message { get; init; }

    public EventFilter ToFilter() => new(Type, InvolveObjectKind, Reason, InvolveObjectName, Message);
}
