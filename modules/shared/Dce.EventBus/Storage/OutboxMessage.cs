using System.Diagnostics;

namespace Dce.EventBus.Storage;

/// <summary>An integration event stored with the entity change that raised it, waiting for the relay to publish it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    public required string EventName { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>W3C traceparent of the operation that raised the event, so the publish joins its trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int FailedAttempts { get; set; }

    public string? LastError { get; set; }

    internal static OutboxMessage From(IntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.Id,
        EventName = IntegrationEventNames.Of(integrationEvent.GetType()),
        Payload = IntegrationEventSerializer.Serialize(integrationEvent),
        OccurredAt = integrationEvent.OccurredAt,
        TraceParent = Activity.Current?.Id,
    };
}
