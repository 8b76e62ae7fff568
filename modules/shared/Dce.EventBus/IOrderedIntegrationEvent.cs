namespace Dce.EventBus;

/// <summary>
/// An integration event whose consumers must see it in order with the other events of the same key (e.g. every
/// event about one cluster carries the cluster's name). The bus routes all events of a key to one partition of each
/// consuming module's queue, and that partition is consumed by one replica at a time, in publication order.
/// Implement the key as a public property: it travels in the event's JSON, where the outbox relay reads it.
/// </summary>
public interface IOrderedIntegrationEvent
{
    /// <summary>The key whose events are applied in order; events of other keys may pass them.</summary>
    string OrderingKey { get; }
}
