using System.Collections.Concurrent;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Sync;

/// <summary>The state of every cluster × type sync, for the status API and the benchmarks.</summary>
internal sealed class SyncStatusRegistry
{
    private readonly ConcurrentDictionary<(string Cluster, ResourceType Type), ResourceSyncStatus> _entries = new();

    public ResourceSyncStatus For(string cluster, ResourceType type) =>
        _entries.GetOrAdd((cluster, type), key => new ResourceSyncStatus(key.Cluster, key.Type));

    public IReadOnlyList<ResourceSyncStatus> All => [.. _entries.Values];

    public void Remove(string cluster)
    {
        foreach (var key in _entries.Keys.Where(k => k.Cluster == cluster))
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>A change reached the database: the lag of its type is how long it waited since it arrived.</summary>
    public void Written(IndexCommand command, DateTimeOffset now)
    {
        var (cluster, type) = command switch
        {
            UpsertObject u => (u.Object.Cluster, u.Object.Type),
            UpsertObjects { Objects: [var first, ..] } => (first.Cluster, first.Type),
            DeleteObject d => (d.Key.Cluster, d.Key.Type),
            ReconcileType r => (r.Cluster, r.Type),
            _ => (null, null),
        };
        if (cluster is not null && type is not null && _entries.TryGetValue((cluster, type), out var entry))
        {
            entry.LastWrittenAt = now;
            entry.Lag = now - command.ReceivedAt;
        }
    }
}

/// <summary>One cluster × type: where its sync is, how many objects it holds, and how far behind the index is.</summary>
internal sealed class ResourceSyncStatus(string cluster, ResourceType type)
{
    public string Cluster { get; } = cluster;
    public ResourceType Type { get; } = type;
    public SyncState State { get; set; } = SyncState.Pending;
    public string? Message { get; set; }
    public string? ResourceVersion { get; set; }
    public long Objects { get; set; }
    public DateTimeOffset? LastListedAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public DateTimeOffset? LastWrittenAt { get; set; }
    public TimeSpan Lag { get; set; }

    /// <summary>Failures since the sync started; the last one's category is <see cref="ErrorCategory"/>.</summary>
    public long Failures { get; private set; }

    public string? ErrorCategory { get; private set; }

    /// <summary>The sync cannot start at all (its kubeconfig is refused): it stays stopped until the kubeconfig changes.</summary>
    public void Refused(string category, string message)
    {
        State = SyncState.Stopped;
        Message = message;
        ErrorCategory = category;
        Failures++;
    }

    /// <summary>The sync failed and waits before starting again: never shown as watching meanwhile.</summary>
    public void Failed(string category, string message)
    {
        State = SyncState.Retrying;
        Message = message;
        ErrorCategory = category;
        Failures++;
    }
}

/// <summary>Where one sync is.</summary>
internal enum SyncState
{
    Pending,
    Listing,
    Watching,
    Retrying,
    Stopped,
}
