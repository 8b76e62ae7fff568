using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dce.EventBus.Storage;

/// <summary>Deletes published outbox rows and this consumer's inbox rows once they are older than <see cref="EventBusOptions.RetainProcessedFor"/>.</summary>
internal sealed class EventBusRetention<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IOptions<EventBusOptions> options,
    ILogger<EventBusRetention<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly EventBusOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Deleting processed event bus rows failed; trying again at the next interval");
            }
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var expired = DateTimeOffset.UtcNow - _options.RetainProcessedFor;

        await db.Set<OutboxMessage>()
            .Where(m => m.PublishedAt != null && m.PublishedAt < expired)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxMessage>()
            .Where(m => m.Consumer == _options.ServiceName && m.ProcessedAt < expired)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
