using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Selectors;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Cluster-wide lists answered from a watch (<see cref="WatchedCollection"/>) instead of listing the whole cluster per
/// request: a cluster with 10,000 pods is read once, then followed. Each replica keeps its own, started by the first
/// list of a kind in a cluster and dropped after <see cref="ContainerManagementOptions.WatchedListIdle"/> unused; no
/// replica needs another's. A list is as fresh as the watch (changes arrive within milliseconds), and a replica that
/// has just changed a kind in a cluster lists that kind from the cluster for a short while, so its caller sees the
/// change. A field selector, a watch that went quiet, or a collection not ready in time fall back to listing the
/// cluster.
/// </summary>
public sealed class ClusterListCache(IOptions<ContainerManagementOptions> options, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan OwnWriteWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ownWrites = new(StringComparer.Ordinal);

    /// <summary>Every object of <paramref name="kind"/> in the cluster that matches the selectors; read only.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ClusterConnection connection, ResourceKind kind, string? labelSelector, string? fieldSelector,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(kind);
        var now = time.GetUtcNow();
        EvictIdle(now);
        if (options.Value.WatchedListIdle <= TimeSpan.Zero || !string.IsNullOrEmpty(fieldSelector)
            || _ownWrites.TryGetValue(WriteKey(connection.Cluster.Name, kind), out var wrote) && now - wrote < OwnWriteWindow)
        {
            return await ResourceClient.ListAsync(connection.Client, kind, null, labelSelector, fieldSelector, cancellationToken);
        }

        LabelSelector selector;
        try
        {
            selector = LabelSelector.Parse(labelSelector);
        }
        catch (SelectorFormatException)
        {
            // The cluster says what is wrong with it, as it would for any list.
            return await ResourceClient.ListAsync(connection.Client, kind, null, labelSelector, fieldSelector, cancellationToken);
        }

        var key = $"{connection.Cluster.Name}#{connection.Cluster.Incarnation}#{RuntimeHelpers.GetHashCode(connection.Streams)}/{kind.ApiVersion}/{kind.Plural}";
        var entry = _entries.GetOrAdd(key, _ => new Entry(new WatchedCollection(connection.Streams, kind)));
        entry.LastUsed = now;
        var ready = await Task.WhenAny(entry.Collection.Ready, Task.Delay(ReadyWait, cancellationToken)) == entry.Collection.Ready;
        if (!ready || now - entry.Collection.LastHeard > QuietLimit)
        {
            return await ResourceClient.ListAsync(connection.Client, kind, null, labelSelector, fieldSelector, cancellationToken);
        }

        var items = entry.Collection.Snapshot();
        return selector.IsEmpty ? items : [.. items.Where(o => selector.Matches(Labels(o)))];
    }

    /// <summary>Records that this replica changed <paramref name="kind"/> in <paramref name="cluster"/>.</summary>
    public void NoteWrite(string cluster, ResourceKind kind) => _ownWrites[WriteKey(cluster, kind)] = time.GetUtcNow();

    private static string WriteKey(string cluster, ResourceKind kind) => $"{cluster}/{kind.ApiVersion}/{kind.Plural}";

    private static Dictionary<string, string> Labels(JsonObject item) =>
        (item["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) ?? [];

    private void EvictIdle(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastUsed > options.Value.WatchedListIdle && _entries.TryRemove(key, out var idle))
            {
                _ = idle.Collection.DisposeAsync().AsTask();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _entries.Values)
        {
            await entry.Collection.DisposeAsync();
        }

        _entries.Clear();
    }

    private sealed class Entry(WatchedCollection collection)
    {
        public WatchedCollection Collection { get; } = collection;

        public DateTimeOffset LastUsed { get; set; }
    }
}
