using Dce.Kubernetes.Resources;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Informers;

/// <summary>
/// A cache of every object of one kind of the control plane, kept by list then watch (with bookmarks, resuming from the
/// last resourceVersion seen, relisting after 410 Gone), telling its handlers of each change. The cached objects are
/// shared: readers clone before they change one. A label selector limits it to the objects that carry those labels;
/// an informer that only reads may drop each object's managedFields, which are often most of its size.
/// </summary>
public sealed partial class Informer(KubeApi api, ResourceKind kind, TimeSpan watchTimeout, ILogger logger, string? labelSelector = null, bool dropManagedFields = false)
{
    private readonly ConcurrentDictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly List<Action<JsonObject?, JsonObject?>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceKind Kind { get; } = kind;

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => synced.Task;

    public ICollection<JsonObject> Objects => objects.Values;

    /// <summary>Adds a handler called with (old, new) for each change: old null for an addition, new null for a deletion.</summary>
    public void OnChange(Action<JsonObject?, JsonObject?> handler) => handlers.Add(handler);

    public JsonObject? Get(string? ns, string name) => objects.GetValueOrDefault(KeyOf(ns, name));

    public static string KeyOf(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await RelistAsync(cancellationToken);
                synced.TrySetResult();
                failures = 0;
                await foreach (var (type, item) in api.WatchAsync(Kind, resourceVersion, watchTimeout, labelSelector, cancellationToken))
                {
                    resourceVersion = item["metadata"]?["resourceVersion"]?.GetValue<string>() ?? resourceVersion;
                    if (type != "BOOKMARK")
                    {
                        item["apiVersion"] = Kind.ApiVersion;
                        item["kind"] = Kind.Kind;
                        Apply(type, item);
                    }
                }
            }
            catch (KubeApiException gone) when (gone.IsGone)
            {
                LogRelisting(logger, $"{Kind.Plural}.{Kind.Group}");
                resourceVersion = null;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                LogWatchFailed(logger, $"{Kind.Plural}.{Kind.Group}", failures, error.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6)))), cancellationToken);
            }
        }
    }

    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await api.ListAsync(Kind, null, labelSelector, cancellationToken);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            listed.Add(KeyOf(item));
            Apply("MODIFIED", item);
        }

        foreach (var gone in objects.Keys.Where(key => !listed.Contains(key)).ToList())
        {
            if (objects.TryRemove(gone, out var old))
            {
                Notify(old, null);
            }
        }

        return resourceVersion;
    }

    private void Apply(string type, JsonObject item)
    {
        if (dropManagedFields)
        {
            (item["metadata"] as JsonObject)?.Remove("managedFields");
        }

        var key = KeyOf(item);
        if (type == "DELETED")
        {
            if (objects.TryRemove(key, out var removed))
            {
                Notify(removed, null);
            }

            return;
        }

        var old = objects.GetValueOrDefault(key);
        if (old is not null && ResourceVersionOf(old) == ResourceVersionOf(item))
        {
            return;
        }

        objects[key] = item;
        Notify(old, item);
    }

    private void Notify(JsonObject? old, JsonObject? current)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler(old, current);
            }
            catch (Exception error)
            {
                LogHandlerFailed(logger, $"{Kind.Plural}.{Kind.Group}", error);
            }
        }
    }

    private static string KeyOf(JsonObject item) =>
        KeyOf(item["metadata"]?["namespace"]?.GetValue<string>(), item["metadata"]?["name"]?.GetValue<string>() ?? "");

    private static string? ResourceVersionOf(JsonObject item) => item["metadata"]?["resourceVersion"]?.GetValue<string>();

    [LoggerMessage(Level = LogLevel.Information, Message = "Relisting {Kind} after the watch history expired")]
    private static partial void LogRelisting(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} failed {Failures} time(s) in a row: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string kind, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of {Kind} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string kind, Exception error);
}
