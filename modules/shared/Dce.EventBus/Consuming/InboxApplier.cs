using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.EventBus.Consuming;

/// <summary>
/// Applies a message at most once per consumer: the inbox row and the handlers' changes commit in one
/// transaction. A concurrent delivery of the same id waits on the inbox row's lock and then finds it present.
/// </summary>
internal sealed class InboxApplier<TDbContext>(IServiceScopeFactory scopeFactory, string consumer)
    where TDbContext : DbContext
{
    /// <returns><see langword="true"/> when the handlers ran; <see langword="false"/> when the message was already applied.</returns>
    public async Task<bool> ApplyOnceAsync(Guid messageId, IntegrationEventSubscription subscription, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var sql = EventBusSql.For(db);
        var strategy = db.Database.CreateExecutionStrategy();

        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var recorded = await db.Database.ExecuteSqlRawAsync(
                sql.InsertInbox, [messageId, consumer, subscription.EventName, DateTimeOffset.UtcNow], ct);
            if (recorded == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            var integrationEvent = IntegrationEventSerializer.Deserialize(body.Span, subscription.EventType);
            await subscription.DispatchAsync(scope.ServiceProvider, integrationEvent, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
