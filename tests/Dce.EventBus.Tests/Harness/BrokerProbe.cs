using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dce.EventBus.Tests.Harness;

/// <summary>A plain client connection of the test itself: it looks at queues and injects messages the way a faulty network would.</summary>
internal sealed class BrokerProbe(IConnection connection) : IAsyncDisposable
{
    public static async Task<BrokerProbe> ConnectAsync(string connectionString) =>
        new(await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync());

    public async Task<bool> QueueExistsAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (OperationInterruptedException)
        {
            return false;
        }
    }

    public async Task<uint> ConsumerCountAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Declares a consumer's queue the way the bus did before partitions: one queue bound to the event names.</summary>
    public async Task DeclareUnpartitionedQueueAsync(string exchange, string queue, params string[] eventNames)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = $"{queue}.dlx" });
        foreach (var eventName in eventNames)
        {
            await channel.QueueBindAsync(queue, exchange, eventName);
        }
    }

    public async Task<uint> MessageCountAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Takes every message waiting in <paramref name="queue"/>.</summary>
    public async Task<IReadOnlyList<BasicGetResult>> DrainAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Publishes with confirms, as a second copy of an already sent message would arrive.</summary>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body);
    }

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}
