using RabbitMQ.Client;

namespace Dce.EventBus.RabbitMq;

/// <summary>
/// Publishes on a channel with publisher confirms: a publish returns only once the broker has taken
/// responsibility for the message, and throws on a nack, a timeout or a lost channel. A failed channel is
/// dropped and a new one opened on the next publish, so broker restarts heal once the connection recovers.
/// </summary>
internal sealed class ConfirmedPublisher(IConnection connection, Func<IChannel, CancellationToken, Task>? declareTopology = null) : IAsyncDisposable
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await OpenChannelAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConfirmTimeout);
            try
            {
                await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, timeout.Token);
            }
            catch
            {
                await DropChannelAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropChannelAsync();
        _gate.Dispose();
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await DropChannelAsync();
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        try
        {
            if (declareTopology is not null)
            {
                await declareTopology(channel, cancellationToken);
            }
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }

        _channel = channel;
        return channel;
    }

    private async Task DropChannelAsync()
    {
        var channel = _channel;
        _channel = null;
        if (channel is null)
        {
            return;
        }

        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A channel of a lost connection may fail to close; it is abandoned either way.
        }
    }
}
