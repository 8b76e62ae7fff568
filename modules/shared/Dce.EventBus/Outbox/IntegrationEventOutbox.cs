using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dce.EventBus.Outbox;

/// <summary>Stages events as outbox rows of the scope's <typeparamref name="TDbContext"/>.</summary>
internal sealed class IntegrationEventOutbox<TDbContext>(TDbContext db, OutboxSignal signal) : IIntegrationEventOutbox
    where TDbContext : DbContext
{
    private bool _watchingSaves;

    public void Add(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent));

        if (!_watchingSaves)
        {
            _watchingSaves = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }
}
