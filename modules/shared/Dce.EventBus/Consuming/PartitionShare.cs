namespace Dce.EventBus.Consuming;

/// <summary>
/// The rule that spreads partitions over replicas. RabbitMQ makes the first subscriber of a single-active-consumer
/// queue its active consumer and keeps it until it leaves, so the first replica to start would serve every
/// partition. A replica serving more than its fair share hands the excess on: it closes those subscriptions
/// (unacknowledged messages return to the head of the queue, in order) and subscribes again behind the replicas
/// already waiting, one of which becomes active.
/// </summary>
internal static class PartitionShare
{
    public static int FairShare(int partitions, int replicas) => (partitions + Math.Max(replicas, 1) - 1) / Math.Max(replicas, 1);

    public static IEnumerable<ConsumedQueue> Excess(IReadOnlyList<ConsumedQueue> active, int partitions, int replicas) =>
        active.OrderBy(_ => Random.Shared.Next()).Take(Math.Max(0, active.Count - FairShare(partitions, replicas)));
}
