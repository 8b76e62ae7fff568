using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using Dce.EventBus.RabbitMq;
using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Dce.EventBus.Outbox;

/// <summary>
/// Publishes committed outbox rows in order. Each batch transaction first takes the outbox's advisory lock, so only
/// one replica's relay publishes at a time and a key's events leave in outbox order (two relays taking
/// <c>SKIP LOCKED</c> batches side by side would interleave them); the rows are also locked <c>FOR UPDATE SKIP
/// LOCKED</c>, so no row is ever published twice at once. Every message is stamped with the partition slot of its
/// ordering key (or, unordered, of its id). A row is marked published
/// only after the broker confirmed it. Failures back off exponentially and the unconfirmed rows are retried.
/// A crash after a confirm but before the commit re-sends those rows: consumers deduplicate through the inbox.
/// </summary>
internal sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IConnection connection,
    OutboxSignal signal,
    IOptions<EventBusOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly EventBusOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled)
        {
            return;
        }

        await using var publisher = new ConfirmedPublisher(connection,
            (channel, ct) => EventBusTopology.DeclareExchangeAsync(channel, _options, ct));
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(publisher, stoppingToken);
                failures = 0;
                if (published < _options.RelayBatchSize)
                {
                    await signal.WaitAsync(_options.RelayPollInterval, stoppingToken);
                }
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
                    logger.LogWarning(ex, "Outbox relay failed; retrying with backoff until it succeeds");
                }
                else
                {
                    logger.LogDebug(ex, "Outbox relay failed {Failures} times in a row; retrying in {Delay}", failures, delay);
                }

                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(ConfirmedPublisher publisher, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var sql = EventBusSql.For(db);
        var strategy = db.Database.CreateExecutionStrategy();

        var (published, failure) = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Database.SqlQueryRaw<bool>(EventBusSql.TryLockRelay, sql.OutboxTable).ToListAsync(ct);
            if (!locked[0])
            {
                return (0, (Exception?)null);
            }

            var rows = await db.Set<OutboxMessage>()
                .FromSqlRaw(sql.LockUnpublished, _options.RelayBatchSize)
                .ToListAsync(ct);

            var count = 0;
            Exception? error = null;
            foreach (var row in rows)
            {
                try
                {
                    await PublishAsync(publisher, row, ct);
                    row.PublishedAt = DateTimeOffset.UtcNow;
                    count++;
                }
                catch (Exception ex)
                {
                    if (!ct.IsCancellationRequested)
                    {
                        row.FailedAttempts++;
                        row.LastError = Truncate(ex.Message);
                    }

                    error = ex;
                    break;
                }
            }

            // What was confirmed is recorded even when a later row failed or the host stops, so it is not sent again.
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return (count, error);
        }, cancellationToken);

        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"Publishing outbox rows stopped after {published} confirmed.", failure);
        }

        return published;
    }

    private async Task PublishAsync(ConfirmedPublisher publisher, OutboxMessage row, CancellationToken cancellationToken)
    {
        var messageId = row.EventId.ToString();
        using var activity = EventBusTelemetry.StartPublish(row.EventName, _options.ExchangeName, messageId, row.TraceParent);
        var properties = new BasicProperties
        {
            MessageId = messageId,
            Type = row.EventName,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(row.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };
        var orderingKey = OrderingKeys.Read(row.Payload);
        properties.Headers[MessageHeaders.PartitionSlot] = PartitionSlots.Text(PartitionSlots.Of(orderingKey ?? messageId));
        if (orderingKey is not null)
        {
            properties.Headers[MessageHeaders.OrderingKey] = orderingKey;
        }

        EventBusTelemetry.Inject(activity, properties.Headers);

        try
        {
            await publisher.PublishAsync(_options.ExchangeName, row.EventName, properties, Encoding.UTF8.GetBytes(row.Payload), cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }

        EventBusTelemetry.Published.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", _options.ExchangeName));
    }

    private static string Truncate(string message) => message.Length <= 2000 ? message : message[..2000];
}
