using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>Streams watch events as newline-delimited JSON, with bookmarks and 410 Gone past the kept history.</summary>
public static class WatchHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(5);
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task StreamAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string? ns, RequestQuery query)
    {
        var labels = query.Labels;
        var fields = query.Fields;
        var rvText = query.ResourceVersion;
        var fromStart = string.IsNullOrEmpty(rvText) || rvText == "0" || query.SendInitialEvents;
        long from = 0;
        if (!fromStart && !long.TryParse(rvText, NumberStyles.Integer, CultureInfo.InvariantCulture, out from))
        {
            throw ApiException.BadRequest($"resourceVersion: Invalid value: \"{rvText}\": must be an integer");
        }
        var asTable = TableWriter.Wanted(context);
        var subscription = sim.Store.Watch(type.StorageKey, ns, o => labels.Matches(o.Labels) && fields.Matches(o.Field), from, fromStart);

        context.Response.StatusCode = 200;
        context.Response.ContentType = KubeResponses.JsonType;
        await context.Response.StartAsync(context.RequestAborted);
        if (subscription is null)
        {
            var gone = ApiException.Gone($"too old resource version: {from} ({sim.Store.ResourceVersion})").ToStatus();
            await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = gone });
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (query.Int("timeoutSeconds") is > 0 and var seconds)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }
        try
        {
            if (query.SendInitialEvents && query.AllowBookmarks)
            {
                await DrainAsync(context, type, subscription, asTable, timeout.Token);
                await WriteBookmarkAsync(context, type, sim.Store.ResourceVersion, initialEventsEnd: true);
            }
            await PumpAsync(context, sim, type, subscription, query.AllowBookmarks, asTable, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: a watch simply ends.
        }
        finally
        {
            sim.Store.StopWatch(subscription);
        }
    }

    private static async Task PumpAsync(HttpContext context, SimulatedCluster sim, ResourceType type, WatchSubscription subscription,
        bool bookmarks, bool asTable, CancellationToken cancellationToken)
    {
        var reader = subscription.Events.Reader;
        while (true)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            tick.CancelAfter(BookmarkInterval);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (bookmarks)
                {
                    await WriteBookmarkAsync(context, type, sim.Store.ResourceVersion, initialEventsEnd: false);
                }
                continue;
            }
            if (!more)
            {
                return;
            }
            await DrainAsync(context, type, subscription, asTable, cancellationToken);
        }
    }

    private static async Task DrainAsync(HttpContext context, ResourceType type, WatchSubscription subscription, bool asTable, CancellationToken cancellationToken)
    {
        var body = context.Response.Body;
        var wrote = false;
        while (subscription.Events.Reader.TryRead(out var record))
        {
            if (asTable)
            {
                var table = TableWriter.Table(type, [record.Object], record.ResourceVersion, null);
                await WriteLineAsync(context, new JsonObject { ["type"] = record.Type, ["object"] = table }, flush: false);
            }
            else
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{record.Type}\",\"object\":"), cancellationToken);
                await body.WriteAsync(Machinery.Versions.ServedVersions.Bytes(type, record.Object), cancellationToken);
                await body.WriteAsync("}\n"u8.ToArray(), cancellationToken);
            }
            wrote = true;
        }
        if (wrote)
        {
            await body.FlushAsync(cancellationToken);
        }
    }

    private static Task WriteBookmarkAsync(HttpContext context, ResourceType type, long resourceVersion, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return WriteLineAsync(context, new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata },
        });
    }

    private static async Task WriteLineAsync(HttpContext context, JsonNode line, bool flush = true)
    {
        await context.Response.Body.WriteAsync(Json.ToBytes(line), context.RequestAborted);
        await context.Response.Body.WriteAsync(NewLine, context.RequestAborted);
        if (flush)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
