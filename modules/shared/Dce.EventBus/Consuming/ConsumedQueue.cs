namespace Dce.EventBus.Consuming;

/// <summary>
/// One queue a consumer reads: a partition or the shared queue. Counts its deliveries, so the replica knows which
/// partitions it is the active consumer of, and can be told to hand its partition to a standby replica.
/// </summary>
internal sealed class ConsumedQueue(string name, int? partition)
{
    private long _deliveries;
    private CancellationTokenSource _handoff = new();

    public string Name { get; } = name;

    /// <summary>The partition's number; null for the shared queue, whose deliveries need no order.</summary>
    public int? Partition { get; } = partition;

    public int ConsecutiveTransientFailures { get; set; }

    public void Delivered() => Interlocked.Increment(ref _deliveries);

    /// <summary>Whether messages arrived since the last call: only the active consumer of a partition receives any.</summary>
    public bool TakeWasActive() => Interlocked.Exchange(ref _deliveries, 0) > 0;

    /// <summary>Signalled when this replica should close its channel on the queue and subscribe again behind the others.</summary>
    public CancellationToken NextHandoff()
    {
        var next = new CancellationTokenSource();
        Interlocked.Exchange(ref _handoff, next).Dispose();
        return next.Token;
    }

    public void HandOff()
    {
        try
        {
            Volatile.Read(ref _handoff).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The channel was replaced meanwhile; the new subscription already stands behind the others.
        }
    }
}
