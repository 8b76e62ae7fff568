
namespace Dce.EventBus.Tests.Publisher;

/// <summary>Places orders the way a module does: entity and event staged together, saved in one transaction.</summary>
public static class OrderBook
{
    public static async Task<IReadOnlyList<Guid>> PlaceAsync(OrdersDbContext db, IIntegrationEventOutbox outbox, int firstNumber, int count, CancellationToken cancellationToken = default)
    {
        var eventIds = new List<Guid>(count);
        for (var number = firstNumber; number < firstNumber + count; number++)
        {
            var order = new Order { Id = Guid.NewGuid(), Number = number };
            db.Orders.Add(order);
            var placed = new OrderPlaced(order.Id, number);
            outbox.Add(placed);
            eventIds.Add(placed.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return eventIds;
    }
}
