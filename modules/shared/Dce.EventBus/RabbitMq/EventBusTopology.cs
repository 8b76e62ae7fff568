using RabbitMQ.Client;

namespace Dce.EventBus.RabbitMq;

/// <summary>
/// Declares the broker objects: the platform's topic exchange; per consumer a headers exchange bound to the event
/// names it handles that routes each message by its slot to one of the partition queues (single active consumer
/// each), the shared queue that takes returning retries and messages without a slot, a retry queue that returns
/// messages after a delay, and a dead-letter exchange and queue. Declarations are idempotent, so every process
/// declares what it uses.
/// </summary>
internal static class EventBusTopology
{
    private const string SlotMatch = "x-match";

    public static Task DeclareExchangeAsync(IChannel channel, EventBusOptions options, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(options.ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    /// <summary>
    /// Declares what every partition shares. The shared queue keeps the arguments it had as the module's only queue,
    /// so a broker that holds it from before partitions accepts the declaration; it is unbound from the event names,
    /// so it only drains what it holds and takes retries and unslotted messages from then on.
    /// </summary>
    public static async Task DeclareConsumerAsync(
        IChannel channel, EventBusOptions options, IReadOnlyCollection<string> eventNames, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, options, cancellationToken);

        await channel.ExchangeDeclareAsync(options.DeadLetterExchangeName, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.DeadLetterQueueName, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.DeadLetterQueueName, options.DeadLetterExchangeName, routingKey: string.Empty, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(options.QueueName, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = options.DeadLetterExchangeName },
            cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(options.RetryQueueName, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)options.RetryDelay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = string.Empty,
                ["x-dead-letter-routing-key"] = options.QueueName,
            },
            cancellationToken: cancellationToken);

        await channel.ExchangeDeclareAsync(options.UnslottedExchangeName, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.QueueName, options.UnslottedExchangeName, routingKey: string.Empty, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.PartitionExchangeName, ExchangeType.Headers, durable: true, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = options.UnslottedExchangeName },
            cancellationToken: cancellationToken);

        foreach (var eventName in eventNames)
        {
            await channel.ExchangeBindAsync(options.PartitionExchangeName, options.ExchangeName, eventName, cancellationToken: cancellationToken);
            await channel.QueueUnbindAsync(options.QueueName, options.ExchangeName, eventName, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Declares partition <paramref name="partition"/> and binds it to its slots.</summary>
    public static async Task DeclarePartitionAsync(IChannel channel, EventBusOptions options, int partition, CancellationToken cancellationToken)
    {
        var queue = options.PartitionQueueName(partition);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = options.DeadLetterExchangeName,
                ["x-single-active-consumer"] = true,
            },
            cancellationToken: cancellationToken);

        for (var slot = 0; slot < PartitionSlots.Count; slot++)
        {
            if (PartitionSlots.PartitionOf(slot, options.PartitionCount) == partition)
            {
                await channel.QueueBindAsync(queue, options.PartitionExchangeName, routingKey: string.Empty,
                    arguments: new Dictionary<string, object?> { [SlotMatch] = "all", [MessageHeaders.PartitionSlot] = PartitionSlots.Text(slot) },
                    cancellationToken: cancellationToken);
            }
        }
    }
}
