using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Logs;

/// <summary>
/// The live tail: polls the stored lines by id, so it sees what any replica stores, and sends each new line the caller
/// may see as a Server-Sent Event until the client goes away. Ids are taken before commit, so a batch committed late can
/// carry lower ids than lines already sent: each poll looks back over the ids of the last polls and skips lines sent.
/// </summary>
internal static class LogTail
{
    private const int LookBackPolls = 10;
    private const int BatchLimit = 1000;

    public static async Task StreamAsync(HttpContext http, [FromServices] LogSearch search, [FromServices] IOptions<LogsOptions> options,
        string? cluster, string? @namespace, string? pod, string? container, string? query)
    {
        TextQuery text;
        try
        {
            text = TextQuery.Parse(query);
        }
        catch (TextQueryException error)
        {
            await Problems.InvalidQuery("query", error.Message, error.Position).ExecuteAsync(http);
            return;
        }

        if (await CallerScope.ResolveAsync(http) is not { } scope)
        {
            await Problems.ScopeUnavailable(http).ExecuteAsync(http);
            return;
        }

        var cancellation = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.WriteAsync(": tailing\n\n", cancellation);
        await http.Response.Body.FlushAsync(cancellation);
        var filter = new LogResourceFilter(null, List(cluster), List(@namespace), null, List(pod), List(container));
        var watermarks = new Queue<long>(Enumerable.Repeat(await search.LastIdAsync(cancellation), LookBackPolls));
        var sent = new HashSet<long>();
        using var timer = new PeriodicTimer(options.Value.TailPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                var high = await search.LastIdAsync(cancellation);
                var low = watermarks.Dequeue();
                var now = DateTime.UtcNow;
                var where = LogSearch.Where(scope, new TimeRange(now - options.Value.MaxRange, now.AddMinutes(5)), filter, text);
                var rows = await search.SinceAsync(where, low, BatchLimit, cancellation);
                foreach (var row in rows.Where(row => sent.Add(row.Id)))
                {
                    await http.Response.WriteAsync($"id: {row.Id}\ndata: {row.ToJson().ToJsonString()}\n\n", cancellation);
                }

                watermarks.Enqueue(high);
                sent.RemoveWhere(id => id <= watermarks.Peek());
                await http.Response.Body.FlushAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private static List<string>? List(string? value) => string.IsNullOrEmpty(value) ? null : [value];
}
