using Dce.EventBus.Tests.Publisher;

namespace Dce.EventBus.Tests.Harness;

public sealed class ShipOrderHandler(ShippingDbContext db) : IIntegrationEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        db.Shipments.Add(new Shipment { OrderId = integrationEvent.OrderId, EventId = integrationEvent.Id });
        return Task.CompletedTask;
    }
}

[IntegrationEventName("tests.poison-pill")]
public sealed record PoisonPill : IntegrationEvent;

/// <summary>Counts how often the poison handler ran, across the scopes of all attempts.</summary>
public sealed class PoisonAttempts
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

public sealed class AlwaysFailingHandler(PoisonAttempts attempts) : IIntegrationEventHandler<PoisonPill>
{
    public Task HandleAsync(PoisonPill integrationEvent, CancellationToken cancellationToken)
    {
        attempts.Add();
        throw new InvalidOperationException("This handler never succeeds.");
    }
}
