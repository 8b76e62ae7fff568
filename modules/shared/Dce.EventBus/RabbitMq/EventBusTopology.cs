using RabbitMQ.Client;

namespace Dce.EventBus.RabbitMq;

/// <summary>
/// Declares the broker objects: the platform's topic exchange; per consumer a durable queue bound to the event
/// names it handles, a retry queue that returns messages after a delay, and a dead-letter exchange and queue.
/// Declarations are idempotent, so every process declares what it uses.
/// </summary>
internal static class EventBusTopology
{
    public static Task DeclareExchangeAsync(IChannel channel, EventBusOptions options, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(options.ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    public static async Task DeclareConsumerAsync(
        IChannel channel, EventBusOptions options, IEnumerable<string> eventNames, CancellationToken cancellationToken)
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

        foreach (var eventName in eventNames)
        {
            await channel.QueueBindAsync(options.QueueName, options.ExchangeName, eventName, cancellationToken: cancellationToken);
        }
    }
}
