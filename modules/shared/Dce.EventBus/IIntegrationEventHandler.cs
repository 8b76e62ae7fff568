namespace Dce.EventBus;

/// <summary>
/// Reacts to one integration event type. A handler is resolved in the scope of one message; the module's
/// DbContext it receives takes part in the transaction that also records the message in the inbox, so its
/// changes are applied exactly once. Throwing makes the bus retry the message, then dead-letter it.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Applies the event. Changes made to the module's DbContext are saved by the bus.</summary>
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
