using Npgsql;

namespace Dce.EventBus.Tests.Harness;

[IntegrationEventName("tests.stock-counted")]
public sealed record StockCounted(int Quantity) : IntegrationEvent;

/// <summary>How many more times the stock handler meets an unreachable database, and how often it did.</summary>
public sealed class DatabaseOutage
{
    private int _remainingFailures;
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public void Last(int failures) => Volatile.Write(ref _remainingFailures, failures);

    public bool Continues()
    {
        if (Interlocked.Decrement(ref _remainingFailures) < 0)
        {
            return false;
        }

        Interlocked.Increment(ref _failures);
        return true;
    }
}

/// <summary>Fails the way Npgsql reports a lost server while the outage lasts, then records a shipment.</summary>
public sealed class StockCountedHandler(ShippingDbContext db, DatabaseOutage outage) : IIntegrationEventHandler<StockCounted>
{
    public Task HandleAsync(StockCounted integrationEvent, CancellationToken cancellationToken)
    {
        if (outage.Continues())
        {
            throw new NpgsqlException("Exception while connecting", new IOException("Connection refused"));
        }

        db.Shipments.Add(new Shipment { OrderId = Guid.Empty, EventId = integrationEvent.Id });
        return Task.CompletedTask;
    }
}
