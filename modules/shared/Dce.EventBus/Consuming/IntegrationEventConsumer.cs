using Dce.EventBus.RabbitMq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dce.EventBus.Consuming;

/// <summary>
/// Consumes the module's partitions and its shared queue, each on its own channel with manual acknowledgements, a
/// bounded prefetch and one message at a time, so a partition's messages are applied in order. A message is
/// acknowledged after its inbox transaction commits. A failing unordered message goes through the retry queue until
/// its attempts are used up, then is rejected into the dead-letter queue; a failing ordered message is retried in
/// place, holding its partition, so no later event of its key overtakes it. When a channel is lost a new one is opened.
/// </summary>
internal sealed class IntegrationEventConsumer<TDbContext> : BackgroundService
    where TDbContext : DbContext
{
    private readonly IConnection _connection;
    private readonly EventBusOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IntegrationEventSubscription> _subscriptions;
    private readonly InboxApplier<TDbContext> _inbox;
    private readonly ConsumedQueue[] _partitions;

    public IntegrationEventConsumer(
        IServiceScopeFactory scopeFactory,
        IConnection connection,
        IEnumerable<IntegrationEventSubscription> subscriptions,
        IOptions<EventBusOptions> options,
        ILogger<IntegrationEventConsumer<TDbContext>> logger)
    {
        _connection = connection;
        _options = options.Value;
        _logger = logger;
        _subscriptions = subscriptions
            .GroupBy(s => s.EventName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _inbox = new InboxApplier<TDbContext>(scopeFactory, _options.ServiceName);
        _partitions = Enumerable.Range(0, _options.PartitionCount)
            .Select(partition => new ConsumedQueue(_options.PartitionQueueName(partition), partition))
            .ToArray();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var retryPublisher = new ConfirmedPublisher(_connection);
        var loops = _partitions
            .Append(new ConsumedQueue(_options.QueueName, partition: null))
            .Select(queue => KeepConsumingAsync(queue, retryPublisher, stoppingToken))
            .Append(RebalanceAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task KeepConsumingAsync(ConsumedQueue queue, ConfirmedPublisher retryPublisher, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilChannelClosesAsync(queue, retryPublisher, () => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff.For(failures, _options.MaxBackoff);
                if (failures == 1)
                {
                    _logger.LogWarning(ex, "Consumer of {Queue} lost its channel; reconnecting with backoff", queue.Name);
                }
                else
                {
                    _logger.LogDebug(ex, "Consumer of {Queue} failed {Failures} times in a row; reconnecting in {Delay}", queue.Name, failures, delay);
                }

                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task ConsumeUntilChannelClosesAsync(ConsumedQueue queue, ConfirmedPublisher retryPublisher, Action consuming, CancellationToken stoppingToken)
    {
        var channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: 1),
            stoppingToken);
        try
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, _) =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };

            await EventBusTopology.DeclareConsumerAsync(channel, _options, _subscriptions.Keys, stoppingToken);
            if (queue.Partition is { } partition)
            {
                await EventBusTopology.DeclarePartitionAsync(channel, _options, partition, stoppingToken);
            }

            await channel.BasicQosAsync(prefetchSize: 0, _options.PrefetchCount, global: false, stoppingToken);

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(channel, queue, retryPublisher, delivery, stoppingToken);
            var handoff = queue.NextHandoff();
            await channel.BasicConsumeAsync(queue.Name, autoAck: false, consumer, stoppingToken);
            consuming();

            using var stopOrHandoff = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, handoff);
            try
            {
                await closed.Task.WaitAsync(stopOrHandoff.Token);
                _logger.LogWarning("Channel of consumer {Queue} closed: {Reason}; opening a new one", queue.Name, channel.CloseReason);
            }
            catch (OperationCanceledException) when (handoff.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                _logger.LogDebug("Handing partition {Queue} to a standby replica", queue.Name);
            }
        }
        finally
        {
            await DisposeQuietlyAsync(channel);
        }
    }

    /// <summary>Every interval, hands on the partitions this replica serves beyond its fair share.</summary>
    private async Task RebalanceAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RebalanceInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var active = _partitions.Where(p => p.TakeWasActive()).ToList();
                if (active.Count <= 1)
                {
                    continue;
                }

                try
                {
                    var replicas = await CountReplicasAsync(stoppingToken);
                    foreach (var excess in PartitionShare.Excess(active, _partitions.Length, replicas))
                    {
                        excess.HandOff();
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogDebug(ex, "Could not count the replicas consuming {Queue}; keeping the partitions", _options.QueueName);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every replica subscribes to every partition, so a partition's subscribers are the replicas.</summary>
    private async Task<int> CountReplicasAsync(CancellationToken cancellationToken)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var replicas = (await channel.QueueDeclarePassiveAsync(_partitions[0].Name, cancellationToken)).ConsumerCount;
        await channel.CloseAsync(cancellationToken);
        return (int)replicas;
    }

    private async Task OnReceivedAsync(IChannel channel, ConsumedQueue queue, ConfirmedPublisher retryPublisher, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        if (!IsUsable(channel))
        {
            // Deliveries buffered before the channel closed cannot be acknowledged; the broker redelivers them.
            return;
        }

        queue.Delivered();
        var properties = delivery.BasicProperties;
        var eventName = properties.Type ?? delivery.RoutingKey;
        using var activity = EventBusTelemetry.StartConsume(eventName, _options.QueueName, properties.MessageId, properties.Headers);

        if (!Guid.TryParse(properties.MessageId, out var messageId) || !_subscriptions.TryGetValue(eventName, out var subscription))
        {
            _logger.LogError("Message {MessageId} of type {EventName} on {Queue} cannot be handled; dead-lettering it",
                properties.MessageId, eventName, queue.Name);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, stoppingToken);
            EventBusTelemetry.RecordOutcome(activity, _options.QueueName, ConsumeOutcomes.DeadLettered);
            return;
        }

        var attempt = MessageHeaders.AttemptOf(properties.Headers);
        var ordered = queue.Partition is not null && MessageHeaders.IsOrdered(properties.Headers);
        string outcome;
        while (true)
        {
            try
            {
                outcome = await _inbox.ApplyOnceAsync(messageId, subscription, delivery.Body, stoppingToken)
                    ? ConsumeOutcomes.Applied
                    : ConsumeOutcomes.Duplicate;
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && TransientFailure.IsTransient(ex))
            {
                outcome = await RequeueAfterPauseAsync(channel, queue, delivery, ex, stoppingToken);
                EventBusTelemetry.RecordOutcome(activity, _options.QueueName, outcome);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ordered && attempt < _options.MaxDeliveryAttempts)
            {
                _logger.LogWarning(ex, "Ordered message {MessageId} failed attempt {Attempt} of {MaxAttempts} on {Queue}; retrying in place after {Delay}",
                    properties.MessageId, attempt, _options.MaxDeliveryAttempts, queue.Name, _options.RetryDelay);
                attempt++;
                await Task.Delay(_options.RetryDelay, stoppingToken);
                if (!IsUsable(channel))
                {
                    return;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                outcome = await TryScheduleRetryOrDeadLetterAsync(channel, retryPublisher, delivery, attempt, ex, stoppingToken);
                EventBusTelemetry.RecordOutcome(activity, _options.QueueName, outcome);
                return;
            }
        }

        queue.ConsecutiveTransientFailures = 0;
        try
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Applied but unacknowledged: the redelivery will find the inbox row and be acknowledged then.
            _logger.LogDebug(ex, "Could not acknowledge message {MessageId} on {Queue}", properties.MessageId, queue.Name);
        }

        EventBusTelemetry.RecordOutcome(activity, _options.QueueName, outcome);
    }

    /// <summary>
    /// An unreachable database says nothing about the message, so it must not use up its attempts: the consumer
    /// pauses (backing off while the outage lasts) and hands the message back to the head of its queue.
    /// </summary>
    private async Task<string> RequeueAfterPauseAsync(IChannel channel, ConsumedQueue queue, BasicDeliverEventArgs delivery, Exception error, CancellationToken stoppingToken)
    {
        var pause = Backoff.For(++queue.ConsecutiveTransientFailures, _options.MaxBackoff);
        _logger.LogWarning(error, "Message {MessageId} on {Queue} met a transient failure; requeueing it after {Pause}",
            delivery.BasicProperties.MessageId, queue.Name, pause);
        await Task.Delay(pause, stoppingToken);
        try
        {
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogDebug(ex, "Could not requeue message {MessageId}; the broker redelivers it with the next channel", delivery.BasicProperties.MessageId);
        }

        return ConsumeOutcomes.Requeued;
    }

    private async Task<string> TryScheduleRetryOrDeadLetterAsync(IChannel channel, ConfirmedPublisher retryPublisher, BasicDeliverEventArgs delivery, int attempt, Exception error, CancellationToken stoppingToken)
    {
        try
        {
            return await ScheduleRetryOrDeadLetterAsync(channel, retryPublisher, delivery, attempt, error, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Left unacknowledged: the broker redelivers it once this channel is replaced.
            _logger.LogWarning(ex, "Could not schedule a retry of message {MessageId} on {Queue}", delivery.BasicProperties.MessageId, _options.QueueName);
            return ConsumeOutcomes.Retried;
        }
    }

    private async Task<string> ScheduleRetryOrDeadLetterAsync(IChannel channel, ConfirmedPublisher retryPublisher, BasicDeliverEventArgs delivery, int attempt, Exception error, CancellationToken stoppingToken)
    {
        if (attempt >= _options.MaxDeliveryAttempts)
        {
            _logger.LogError(error, "Message {MessageId} failed {Attempts} time(s) on {Queue}; dead-lettering it",
                delivery.BasicProperties.MessageId, attempt, _options.QueueName);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, stoppingToken);
            return ConsumeOutcomes.DeadLettered;
        }

        _logger.LogWarning(error, "Message {MessageId} failed attempt {Attempt} of {MaxAttempts} on {Queue}; retrying after {Delay}",
            delivery.BasicProperties.MessageId, attempt, _options.MaxDeliveryAttempts, _options.QueueName, _options.RetryDelay);
        var retry = new BasicProperties(delivery.BasicProperties)
        {
            Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                [MessageHeaders.Attempt] = attempt + 1,
            },
        };

        // The copy is confirmed before the original is acknowledged, so a crash in between duplicates, never loses.
        await retryPublisher.PublishAsync(string.Empty, _options.RetryQueueName, retry, delivery.Body, stoppingToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        return ConsumeOutcomes.Retried;
    }

    private static bool IsUsable(IChannel channel)
    {
        try
        {
            return channel.IsOpen;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private static async Task DisposeQuietlyAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The channel of a lost connection may fail to close; it is abandoned either way.
        }
    }
}
