namespace Dce.KubeSim.Machinery;

/// <summary>A bounded window of recent changes; a watch that starts before the window gets 410 Gone.</summary>
public sealed class WatchHistory(int capacity)
{
    private readonly WatchRecord?[] ring = new WatchRecord?[Math.Max(capacity, 16)];
    private long count;

    /// <summary>The highest resourceVersion whose change is no longer kept.</summary>
    public long CompactedThrough { get; private set; }

    public void Add(WatchRecord record)
    {
        var slot = (int)(count % ring.Length);
        if (ring[slot] is { } dropped)
        {
            CompactedThrough = Math.Max(CompactedThrough, dropped.ResourceVersion);
        }
        ring[slot] = record;
        count++;
    }

    public void Compact(long throughResourceVersion)
    {
        Array.Clear(ring);
        count = 0;
        CompactedThrough = throughResourceVersion;
    }

    public bool Covers(long resourceVersion) => resourceVersion >= CompactedThrough;

    public IEnumerable<WatchRecord> After(long resourceVersion)
    {
        var kept = Math.Min(count, ring.Length);
        for (var i = count - kept; i < count; i++)
        {
            var record = ring[(int)(i % ring.Length)]!;
            if (record.ResourceVersion > resourceVersion)
            {
                yield return record;
            }
        }
    }
}
