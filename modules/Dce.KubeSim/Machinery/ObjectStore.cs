using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// The in-memory state of one cluster: every object by storage key and namespace/name, one resourceVersion
/// counter, the watch history and the live watches. All writes go through <see cref="Sync"/> so a change and
/// its watch event are ordered the same way for every reader.
/// </summary>
public sealed class ObjectStore(int historyCapacity)
{
    private readonly Dictionary<string, ResourceTable> tables = new(StringComparer.Ordinal);
    private readonly WatchHistory history = new(historyCapacity);
    private readonly List<WatchSubscription> watchers = [];
    private long resourceVersion;

    public object Sync { get; } = new();
    public ChangeSignal Changed { get; } = new();

    /// <summary>Where committed changes go to survive a restart; none keeps the state in memory only.</summary>
    public IChangeJournal? Journal { get; set; }

    public long ResourceVersion
    {
        get { lock (Sync) { return resourceVersion; } }
    }

    public StoredObject? Get(string storageKey, string ns, string name)
    {
        lock (Sync)
        {
            return tables.TryGetValue(storageKey, out var table) ? table.Get(ns + "/" + name) : null;
        }
    }

    public int Count(string storageKey)
    {
        lock (Sync)
        {
            return tables.TryGetValue(storageKey, out var table) ? table.Count : 0;
        }
    }

    /// <summary>Objects of a resource controlled by the owner with <paramref name="controllerUid"/>.</summary>
    public IReadOnlyList<StoredObject> OwnedBy(string storageKey, string controllerUid)
    {
        lock (Sync)
        {
            return tables.TryGetValue(storageKey, out var table) ? table.OwnedBy(controllerUid).ToList() : [];
        }
    }

    /// <summary>Pods that are pending, not ready, or running for a job: what the scheduler and kubelet act on.</summary>
    public IReadOnlyList<StoredObject> Unsettled(string storageKey)
    {
        lock (Sync)
        {
            return tables.TryGetValue(storageKey, out var table) ? table.Unsettled.ToList() : [];
        }
    }

    /// <summary>Objects with owners or being deleted, in key order: what the garbage collector acts on.</summary>
    public IReadOnlyList<StoredObject> Collectable(string storageKey)
    {
        lock (Sync)
        {
            return tables.TryGetValue(storageKey, out var table) ? [.. table.Collectable.OrderBy(o => o.Key, StringComparer.Ordinal)] : [];
        }
    }

    /// <summary>Objects in key order, starting after <paramref name="continueAfter"/>, at most <paramref name="limit"/> (0 = all).</summary>
    public ListPage List(string storageKey, string? ns, Func<StoredObject, bool>? filter = null, int limit = 0, string? continueAfter = null)
    {
        lock (Sync)
        {
            var items = new List<StoredObject>();
            string? next = null;
            if (tables.TryGetValue(storageKey, out var table))
            {
                foreach (var item in table.Range(ns, continueAfter))
                {
                    if (filter is not null && !filter(item))
                    {
                        continue;
                    }
                    if (limit > 0 && items.Count == limit)
                    {
                        next = items[^1].Key;
                        break;
                    }
                    items.Add(item);
                }
            }
            return new ListPage(items, resourceVersion, next);
        }
    }

    /// <summary>Stores a new version of an object, stamping the next resourceVersion, and tells the watchers.</summary>
    public StoredObject Put(string storageKey, JsonObject obj, string eventType)
    {
        lock (Sync)
        {
            var rv = ++resourceVersion;
            obj.Metadata()["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            var stored = StoredObject.From(obj);
            if (!tables.TryGetValue(storageKey, out var table))
            {
                table = new ResourceTable();
                tables[storageKey] = table;
            }
            table.Set(stored);
            Publish(new WatchRecord(rv, storageKey, eventType, stored));
            return stored;
        }
    }

    public StoredObject? Remove(string storageKey, string ns, string name)
    {
        lock (Sync)
        {
            if (!tables.TryGetValue(storageKey, out var table) || table.Get(ns + "/" + name) is not { } existing)
            {
                return null;
            }
            table.Remove(existing.Key);
            var rv = ++resourceVersion;
            var last = existing.Parse();
            last.Metadata()["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            var gone = StoredObject.From(last);
            Publish(new WatchRecord(rv, storageKey, "DELETED", gone));
            return gone;
        }
    }

    /// <summary>Starts a watch from a resourceVersion; null when that version is older than the kept history.</summary>
    public WatchSubscription? Watch(string storageKey, string? ns, Func<StoredObject, bool> filter, long fromResourceVersion, bool sendInitialState)
    {
        lock (Sync)
        {
            var subscription = new WatchSubscription(storageKey, ns, filter);
            if (sendInitialState)
            {
                foreach (var item in List(storageKey, ns, filter).Items)
                {
                    subscription.Events.Writer.TryWrite(new WatchRecord(item.ResourceVersion, storageKey, "ADDED", item));
                }
            }
            else
            {
                if (!history.Covers(fromResourceVersion))
                {
                    return null;
                }
                foreach (var record in history.After(fromResourceVersion).Where(subscription.Wants))
                {
                    subscription.Events.Writer.TryWrite(record);
                }
            }
            watchers.Add(subscription);
            return subscription;
        }
    }

    public void StopWatch(WatchSubscription subscription)
    {
        lock (Sync)
        {
            watchers.Remove(subscription);
        }
        subscription.Events.Writer.TryComplete();
    }

    /// <summary>Ends every watch (clients reconnect), as an API server restart does.</summary>
    public void DropWatches()
    {
        lock (Sync)
        {
            foreach (var watcher in watchers)
            {
                watcher.Events.Writer.TryComplete();
            }
            watchers.Clear();
        }
    }

    public void CompactHistory()
    {
        lock (Sync)
        {
            history.Compact(resourceVersion);
            Journal?.Compacted(resourceVersion);
        }
    }

    /// <summary>Applies a change read back from a journal: no watcher is told and nothing is journaled again.</summary>
    public void Replay(WatchRecord record)
    {
        lock (Sync)
        {
            if (!tables.TryGetValue(record.StorageKey, out var table))
            {
                table = new ResourceTable();
                tables[record.StorageKey] = table;
            }
            if (record.Type == "DELETED")
            {
                table.Remove(record.Object.Key);
            }
            else
            {
                table.Set(record.Object);
            }
            history.Add(record);
            resourceVersion = Math.Max(resourceVersion, record.ResourceVersion);
        }
    }

    /// <summary>Restores a snapshot: the objects, the counter and the kept watch history as they were.</summary>
    public void Restore(StoreImage image)
    {
        lock (Sync)
        {
            foreach (var (storageKey, objects) in image.Objects)
            {
                var table = new ResourceTable();
                foreach (var stored in objects)
                {
                    table.Set(stored);
                }
                tables[storageKey] = table;
            }
            history.Compact(image.CompactedThrough);
            foreach (var record in image.History)
            {
                history.Add(record);
            }
            resourceVersion = image.ResourceVersion;
        }
    }

    /// <summary>The whole state at this instant; objects are immutable, so only references are copied under the lock.</summary>
    public StoreImage Capture()
    {
        lock (Sync)
        {
            var objects = tables.Where(t => t.Value.Count > 0)
                .Select(t => (t.Key, (IReadOnlyList<StoredObject>)t.Value.Range(null, null).ToArray()))
                .ToArray();
            return new StoreImage(resourceVersion, history.CompactedThrough, objects, history.After(long.MinValue).ToArray());
        }
    }

    /// <summary>Replays a compaction read back from a journal.</summary>
    public void ReplayCompaction(long throughResourceVersion)
    {
        lock (Sync)
        {
            history.Compact(throughResourceVersion);
        }
    }

    public bool HistoryCovers(long rv)
    {
        lock (Sync)
        {
            return history.Covers(rv);
        }
    }

    public int WatcherCount
    {
        get { lock (Sync) { return watchers.Count; } }
    }

    private void Publish(WatchRecord record)
    {
        history.Add(record);
        Journal?.Append(record);
        foreach (var watcher in watchers)
        {
            if (watcher.Wants(record))
            {
                watcher.Events.Writer.TryWrite(record);
            }
        }
        Changed.Raise();
    }
}

/// <summary>A point-in-time copy of a store: what a snapshot holds.</summary>
public sealed record StoreImage(long ResourceVersion, long CompactedThrough,
    IReadOnlyList<(string StorageKey, IReadOnlyList<StoredObject> Objects)> Objects, IReadOnlyList<WatchRecord> History);

/// <summary>One page of a list and the resourceVersion it was read at.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? ContinueAfter);
