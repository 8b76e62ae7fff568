namespace Dce.EventBus;

/// <summary>
/// Adds integration events to the module's DbContext, so the next <c>SaveChangesAsync</c> stores the entity
/// changes and their events in one transaction. The outbox relay publishes them afterwards.
/// </summary>
public interface IIntegrationEventOutbox
{
    /// <summary>Stages the event; it is stored by the DbContext's next save and published once that commits.</summary>
    void Add(IntegrationEvent integrationEvent);
}
