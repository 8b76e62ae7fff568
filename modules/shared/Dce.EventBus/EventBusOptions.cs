namespace Dce.EventBus;

/// <summary>Settings of a module's event bus: names of its broker topology, retries and relay pacing.</summary>
public sealed class EventBusOptions
{
    /// <summary>The durable topic exchange every module publishes to.</summary>
    public string ExchangeName { get; set; } = "dce.events";

    /// <summary>Names the module's queue (and its retry and dead-letter companions) and its inbox rows. Defaults to the application name.</summary>
    public string ServiceName { get; set; } = string.Empty;

    /// <summary>Whether this process runs the outbox relay. Every replica may run it: rows are locked while published.</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How many times a handler may fail on one message before the message is dead-lettered.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>How long a failed message waits in the retry queue before it is delivered again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many partitions the module's queue has (<c>{queue}.p0</c> …). Events of one ordering key always go to one
    /// partition, and each partition has a single active consumer among the replicas, so that key's events are
    /// applied in order. Fixed for the life of a module's queues; a power of two spreads the slots evenly.
    /// </summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>
    /// How often a replica compares the partitions it is serving with its fair share (partitions / replicas) and
    /// hands the excess to the standby replicas.
    /// </summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many unacknowledged messages the broker hands the consumer at once.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>How many outbox rows the relay locks and publishes per transaction.</summary>
    public int RelayBatchSize { get; set; } = 100;

    /// <summary>How often the relay looks for rows saved by other processes.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts while the broker or the database is unreachable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long published outbox rows and inbox rows are kept. Inbox rows must outlive any redelivery of their
    /// message, so keep this far longer than an outage of the broker or of the module can last.
    /// </summary>
    public TimeSpan RetainProcessedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often rows older than <see cref="RetainProcessedFor"/> are deleted.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The module's logical queue: the name its telemetry reports and the prefix of its partitions. Before partitions
    /// it was one queue of this name; a consumer that finds it drains it (see <c>docs/event-bus.md</c>).
    /// </summary>
    public string QueueName => ServiceName;

    /// <summary>The queue of partition <paramref name="partition"/>.</summary>
    public string PartitionQueueName(int partition) => $"{ServiceName}.p{partition}";

    /// <summary>The module's headers exchange: bound to the event names it handles, it routes each message by its slot header to a partition.</summary>
    public string PartitionExchangeName => $"{ServiceName}.partitions";

    /// <summary>Where messages without a slot header (sent by a publisher that predates partitions) go: partition 0.</summary>
    public string UnslottedExchangeName => $"{ServiceName}.unslotted";

    /// <summary>Where failed messages wait <see cref="RetryDelay"/> before they return to their partition.</summary>
    public string RetryQueueName => $"{ServiceName}.retry";

    /// <summary>The exchange the module's queue dead-letters into.</summary>
    public string DeadLetterExchangeName => $"{ServiceName}.dlx";

    /// <summary>Where messages end after <see cref="MaxDeliveryAttempts"/> failures.</summary>
    public string DeadLetterQueueName => $"{ServiceName}.dlq";
}
