using System.Globalization;
using System.Net;
using System.Text.Json;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Keeps the index of one type of one cluster equal to the cluster: lists (paged), reconciles what the list no longer
/// has, then watches from the list's resourceVersion with bookmarks. A watch that ends or breaks resumes from the last
/// resourceVersion seen; a 410 Gone relists and reconciles. Any other failure, whatever the cluster answered, shows in
/// the status (<see cref="SyncState.Retrying"/>, its category and count) and the sync starts again after a backoff.
/// </summary>
internal sealed partial class ResourceSync(
    string cluster,
    ResourceType type,
    ClusterConnection connection,
    ResourceIndexWriter writer,
    ResourceSyncStatus status,
    ClusterSearchOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAndReconcileAsync(cancellationToken);
                status.State = SyncState.Watching;
                status.Message = null;
                failures = 0;
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken);
            }
            catch (ResourceGoneException gone)
            {
                LogRelisting(logger, cluster, type, gone.Message);
                resourceVersion = null;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                var category = SyncFailure.CategoryOf(error);
                status.Failed(category, Truncate(error.Message));
                // What the cluster answered cannot be trusted to resume from: start again with a fresh list.
                resourceVersion = category == SyncFailure.MalformedResponse || category == SyncFailure.EventTooLarge ? null : resourceVersion;
                LogRetrying(logger, cluster, type, failures, category, Truncate(error.Message));
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private async Task<string> ListAndReconcileAsync(CancellationToken cancellationToken)
    {
        status.State = SyncState.Listing;
        var listed = new HashSet<(string Namespace, string Name)>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var query = $"{type.CollectionPath}?limit={options.ListPageSize}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            using var response = await connection.GetAsync(query, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var metadata = page.RootElement.GetProperty("metadata");
            resourceVersion = metadata.GetProperty("resourceVersion").GetString() ?? "";
            continueToken = metadata.TryGetProperty("continue", out var next) && next.GetString() is { Length: > 0 } token ? token : null;
            var now = time.GetUtcNow();
            if (page.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var objects = new List<IndexedObject>(items.GetArrayLength());
                foreach (var item in items.EnumerateArray())
                {
                    var indexed = IndexedObject.From(cluster, type, item);
                    listed.Add((indexed.Namespace, indexed.Name));
                    objects.Add(indexed);
                }

                if (objects.Count > 0)
                {
                    await writer.EnqueueAsync(new UpsertObjects(objects, now), cancellationToken);
                }
            }
        }
        while (continueToken is not null);

        await writer.EnqueueAsync(new ReconcileType(cluster, type, listed, time.GetUtcNow()), cancellationToken);
        status.Objects = listed.Count;
        status.LastListedAt = time.GetUtcNow();
        status.ResourceVersion = resourceVersion;
        return resourceVersion;
    }

    /// <summary>Watches until the server ends the watch; answers the last resourceVersion seen, to resume from.</summary>
    private async Task<string> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = ((int)options.WatchTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var query = $"{type.CollectionPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds={timeout}&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        using var response = await connection.GetAsync(query, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var received in WatchEvents.ReadAsync(body, options.MaxWatchEventBytes, cancellationToken))
        {
            using var watchEvent = received;
            var eventType = watchEvent.RootElement.GetProperty("type").GetString();
            var item = watchEvent.RootElement.GetProperty("object");
            if (eventType == "ERROR")
            {
                var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
                var message = item.TryGetProperty("message", out var m) ? m.GetString() : "watch error";
                throw code == (int)HttpStatusCode.Gone ? new ResourceGoneException(message ?? "410 Gone") : new IOException(message);
            }

            resourceVersion = item.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? resourceVersion;
            status.ResourceVersion = resourceVersion;
            if (eventType == "BOOKMARK")
            {
                continue;
            }

            var now = time.GetUtcNow();
            status.LastEventAt = now;
            var indexed = IndexedObject.From(cluster, type, item);
            switch (eventType)
            {
                case "ADDED":
                    status.Objects++;
                    await writer.EnqueueAsync(new UpsertObject(indexed, now), cancellationToken);
                    break;
                case "MODIFIED":
                    await writer.EnqueueAsync(new UpsertObject(indexed, now), cancellationToken);
                    break;
                case "DELETED":
                    status.Objects--;
                    await writer.EnqueueAsync(new DeleteObject(indexed.Key, now), cancellationToken);
                    break;
            }
        }

        return resourceVersion;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceGoneException(detail);
        }

        throw new HttpRequestException($"The cluster answered {(int)response.StatusCode}: {Truncate(detail)}", null, response.StatusCode);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

    [LoggerMessage(Level = LogLevel.Information, Message = "Relisting {Cluster}/{Type}: {Reason}")]
    private static partial void LogRelisting(ILogger logger, string cluster, ResourceType type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Cluster}/{Type} failed {Failures} time(s) in a row ({Category}): {Reason}")]
    private static partial void LogRetrying(ILogger logger, string cluster, ResourceType type, int failures, string category, string reason);
}
