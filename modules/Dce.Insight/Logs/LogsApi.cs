using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Logs;

/// <summary>DCE's log endpoints over the stored container logs, each answer limited to the caller's scope.</summary>
internal static class LogsApi
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder app)
    {
        var log = app.MapGroup(InsightPaths.Group + "/log").WithTags("Log");
        log.MapPost("/query", QueryAsync).WithName("Log_QueryLog").WithSummary("Container log lines that match the filters, newest first");
        log.MapGet("/search", SearchAsync).WithName("Log_SearchLog").WithSummary("Container log lines that match a text query, newest first");
        log.MapPost("/context", ContextAsync).WithName("Log_QueryLogContext").WithSummary("The lines of one container around one line");
        log.MapPost("/histogram", HistogramAsync).WithName("Log_QueryLogHistogram").WithSummary("How many lines match per interval");
        log.MapPost("/export", ExportAsync).WithName("Log_DownloadLog").WithSummary("The matching lines as a streamed text file");
        log.MapGet("/tail", LogTail.StreamAsync).WithName("Log_Tail").WithSummary("Lines as they are stored, as Server-Sent Events (an extension)");
        return app;
    }

    private static async Task<IResult> QueryAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options, QueryLogRequest request)
    {
        var limits = options.Value;
        var pageSize = request.PageSize ?? 50;
        var page = request.Page ?? 1;
        if (pageSize < 1 || page < 1)
        {
            return Problems.BadRequest(pageSize < 1 ? "pageSize" : "page", "'page' and 'pageSize' start at 1.");
        }

        if (pageSize > limits.MaxPageSize)
        {
            return Problems.OverLimit($"'pageSize' {pageSize} is over the limit Insight:Logs:MaxPageSize ({limits.MaxPageSize}).");
        }

        LogCursor? cursor = null;
        if (request.Cursor is { Length: > 0 } text)
        {
            if (!LogCursor.TryParse(text, out var parsed))
            {
                return Problems.BadRequest("cursor", "Give back the 'nextCursor' of the previous page unchanged.");
            }

            cursor = parsed;
        }
        else if ((long)page * pageSize > limits.MaxPageDepth)
        {
            return Problems.OverLimit($"Page {page} of {pageSize} reaches past the limit Insight:Logs:MaxPageDepth ({limits.MaxPageDepth} lines); follow 'nextCursor' instead.");
        }

        var prepared = await PrepareAsync(http, request.StartTime, request.EndTime, request.Resource, limits);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var rows = await search.PageAsync(prepared.Where!(), cursor, cursor is null ? (page - 1) * pageSize : 0, pageSize, http.RequestAborted);
        var total = await search.CountAsync(prepared.Where!(), limits.MaxPageDepth, http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. rows.Select(row => row.ToJson())]),
            ["pagination"] = new JsonObject
            {
                ["total"] = total,
                ["page"] = cursor is null ? page : null,
                ["pageSize"] = pageSize,
                ["pages"] = (total + pageSize - 1) / pageSize,
            },
            ["nextCursor"] = rows.Count == pageSize ? new LogCursor(rows[^1].Time, rows[^1].Id).ToString() : null,
        });
    }

    private static async Task<IResult> SearchAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options,
        string? query, string? cluster, string? @namespace, string? pod, string? container, string? startTime, string? endTime, int? size)
    {
        var limit = size ?? 100;
        if (limit > options.Value.MaxPageSize)
        {
            return Problems.OverLimit($"'size' {limit} is over the limit Insight:Logs:MaxPageSize ({options.Value.MaxPageSize}).");
        }

        var filter = new LogResourceFilter(query is null ? null : [query], List(cluster), List(@namespace), null, List(pod), List(container));
        var prepared = await PrepareAsync(http, startTime, endTime, filter, options.Value, "query");
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var rows = await search.PageAsync(prepared.Where!(), null, 0, Math.Max(1, limit), http.RequestAborted);
        return TypedResults.Ok(new JsonObject { ["response"] = new JsonArray([.. rows.Select(row => row.ToJson())]).ToJsonString() });
    }

    private static async Task<IResult> ContextAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options,
        QueryLogContextRequest request)
    {
        if (request.Resource is not { Cluster: { } cluster, Namespace: { } ns, Pod: { } pod, Container: { } container })
        {
            return Problems.BadRequest("resource", "Name the line's 'cluster', 'namespace', 'pod' and 'container' in 'resource'.");
        }

        if (!long.TryParse(request.Nanotimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var nanos))
        {
            return Problems.BadRequest("nanotimestamp", "Give the line's 'nanotimestamp' label (nanoseconds since the Unix epoch).");
        }

        var before = request.Before ?? 10;
        var after = request.After ?? 10;
        if (before < 0 || after < 0)
        {
            return Problems.BadRequest("before", "'before' and 'after' count lines and cannot be negative.");
        }

        if (before + after > options.Value.MaxPageSize)
        {
            return Problems.OverLimit($"'before' and 'after' ask {before + after} lines; the limit Insight:Logs:MaxPageSize is {options.Value.MaxPageSize}.");
        }

        var at = DateTime.UnixEpoch.AddTicks(nanos / 100);
        var filter = new LogResourceFilter(null, [cluster], [ns], null, [pod], [container]);
        var prepared = await PrepareAsync(http, (at - options.Value.MaxRange / 2).ToString("O"), (at + options.Value.MaxRange / 2).ToString("O"), filter, options.Value);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var rows = await search.AroundAsync(prepared.Where!(), at, before, after, http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. rows.Select(row => row.ToJson())]),
            ["pagination"] = new JsonObject { ["total"] = rows.Count, ["page"] = 1, ["pageSize"] = rows.Count, ["pages"] = 1 },
        });
    }

    private static async Task<IResult> HistogramAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options,
        QueryLogHistogramRequest request)
    {
        var prepared = await PrepareAsync(http, request.StartTime, request.EndTime, request.Resource, options.Value);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var range = prepared.Range;
        var interval = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((range.Until - range.From).TotalSeconds / 60)));
        if (request.Interval is { Length: > 0 } text && !Durations.TryParse(text, out interval))
        {
            return Problems.BadRequest("interval", $"'{text}' is not a duration; give e.g. 30s, 5m or 1h.");
        }

        if ((range.Until - range.From) / interval > 10_000)
        {
            return Problems.OverLimit("The range and 'interval' give more than 10000 buckets; use a larger 'interval'.");
        }

        var buckets = await search.HistogramAsync(prepared.Where!(), interval, range.From, http.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. buckets.Select(bucket => new JsonObject
            {
                ["timestamp"] = bucket.Bucket.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["count"] = bucket.Count.ToString(CultureInfo.InvariantCulture),
            })]),
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options,
        DownloadLogRequest request)
    {
        var maxLines = request.MaxLines ?? 10_000;
        const int MaxExport = 1_000_000;
        if (maxLines > MaxExport)
        {
            return Problems.OverLimit($"'maxLines' {maxLines} is over the export limit of {MaxExport} lines.");
        }

        var query = request.QueryLog;
        var prepared = await PrepareAsync(http, query?.StartTime, query?.EndTime, query?.Resource, options.Value);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var rows = search.StreamAsync(prepared.Where!(), Math.Max(0, maxLines), http.RequestAborted);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body);
            await foreach (var row in rows)
            {
                await writer.WriteLineAsync($"{row.Timestamp} {row.Cluster}/{row.Namespace}/{row.Pod}/{row.Container} {row.Message}");
            }
        }, "text/plain; charset=utf-8", "logs.txt");
    }

    /// <summary>The scope, range and text of a query, or the problem to answer; <c>Where</c> builds a fresh filter per command.</summary>
    private static async Task<(IResult? Problem, TimeRange Range, Func<SqlWhere>? Where)> PrepareAsync(HttpContext http, string? startTime, string? endTime,
        LogResourceFilter? filter, LogsOptions options, string textParameter = "logSearch")
    {
        if (TimeRange.TryParse(startTime, endTime, DefaultSpan, options.MaxRange, out var range) is { } badRange)
        {
            return (badRange, default, null);
        }

        TextQuery text;
        try
        {
            text = LogSearch.Text(filter?.LogSearch);
        }
        catch (TextQueryException error)
        {
            return (Problems.InvalidQuery(textParameter, error.Message, error.Position), default, null);
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            return (Problems.ScopeUnavailable(http), default, null);
        }

        return (null, range, () => LogSearch.Where(scope, range, filter, text));
    }

    private static List<string>? List(string? value) => string.IsNullOrEmpty(value) ? null : [value];
}
