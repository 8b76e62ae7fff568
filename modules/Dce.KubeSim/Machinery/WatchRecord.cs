using System.Threading.Channels;

namespace Dce.KubeSim.Machinery;

/// <summary>One change as watchers see it.</summary>
public sealed record WatchRecord(long ResourceVersion, string StorageKey, string Type, StoredObject Object);

/// <summary>A live watch: which changes it wants and where they go.</summary>
public sealed class WatchSubscription(string storageKey, string? ns, Func<StoredObject, bool> filter)
{
    public string StorageKey { get; } = storageKey;
    public string? Namespace { get; } = ns;
    public Func<StoredObject, bool> Filter { get; } = filter;
    public Channel<WatchRecord> Events { get; } = Channel.CreateUnbounded<WatchRecord>(new UnboundedChannelOptions { SingleReader = true });

    public bool Wants(WatchRecord record) =>
        record.StorageKey == StorageKey && (Namespace is null || record.Object.Namespace == Namespace) && Filter(record.Object);
}
