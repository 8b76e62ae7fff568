namespace Dce.EventBus;

/// <summary>
/// The base of every integration event: a fact one module states and others react to.
/// Events are immutable records, serialized as JSON and routed by their stable name (see <see cref="IntegrationEventNameAttribute"/>).
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this occurrence; it becomes the message id consumers deduplicate on.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>When the fact happened.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
