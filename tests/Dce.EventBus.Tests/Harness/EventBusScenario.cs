using Dce.EventBus.Storage;
using Dce.EventBus.Tests.Publisher;
using Dce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dce.EventBus.Tests.Harness;

/// <summary>
/// One test's world: its own orders and shipping databases, its own exchange and consumer queue on the broker,
/// and the hosts of the publishing and consuming modules. Nothing is shared with other tests but the servers.
/// </summary>
internal sealed class EventBusScenario : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    private EventBusScenario(string ordersDatabase, string shippingDatabase, string rabbitMq, string suffix)
    {
        OrdersDatabase = ordersDatabase;
        ShippingDatabase = shippingDatabase;
        RabbitMq = rabbitMq;
        Exchange = $"dce.events.{suffix}";
        ServiceName = $"shipping-{suffix}";
    }

    public string OrdersDatabase { get; }

    public string ShippingDatabase { get; }

    public string RabbitMq { get; }

    public string Exchange { get; }

    /// <summary>Also the consumer queue's name.</summary>
    public string ServiceName { get; }

    public static async Task<EventBusScenario> CreateAsync(string rabbitMq)
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var scenario = new EventBusScenario(
            await postgres.CreateDatabaseAsync($"orders_{suffix}"),
            await postgres.CreateDatabaseAsync($"shipping_{suffix}"),
            rabbitMq,
            suffix);
        await using (var orders = scenario.OrdersContext())
        {
            await orders.Database.EnsureCreatedAsync();
        }

        await using (var shipping = scenario.ShippingContext())
        {
            await shipping.Database.EnsureCreatedAsync();
        }

        return scenario;
    }

    /// <summary>
    /// Starts a replica of the consuming module and waits until it consumes every partition, so their slot bindings
    /// exist and nothing published afterwards takes the unslotted path.
    /// </summary>
    public async Task<IHost> StartConsumerAsync(BrokerProbe probe, Action<EventBusOptions>? configure = null, string replica = "replica")
    {
        var host = ConsumerHost.Build(ShippingDatabase, RabbitMq, Exchange, ServiceName, configure, replica);
        await StartAsync(host);
        var options = host.Services.GetRequiredService<IOptions<EventBusOptions>>().Value;
        await Eventually.HoldsAsync(
            async () =>
            {
                for (var partition = 0; partition < options.PartitionCount; partition++)
                {
                    if (await probe.ConsumerCountAsync(options.PartitionQueueName(partition)) == 0)
                    {
                        return false;
                    }
                }

                return await probe.QueueExistsAsync(ServiceName);
            },
            () => Task.FromResult($"every partition of {ServiceName} consumed"));
        return host;
    }

    /// <summary>Stages <paramref name="steps"/> in the publishing module's outbox, in one transaction.</summary>
    public static async Task StageStepsAsync(IHost publisher, IEnumerable<KeyedStep> steps)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        foreach (var step in steps)
        {
            outbox.Add(step);
        }

        await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().SaveChangesAsync();
    }

    public async Task<List<AppliedStep>> AppliedStepsAsync()
    {
        await using var db = ShippingContext();
        return await db.Steps.OrderBy(s => s.Id).ToListAsync();
    }

    public async Task<IHost> StartPublisherAsync(Action<EventBusOptions>? configure = null, bool relayEnabled = true)
    {
        var host = PublisherHost.Build(OrdersDatabase, RabbitMq, Exchange, relayEnabled, configure);
        await StartAsync(host);
        return host;
    }

    /// <summary>Places orders through the publishing module's outbox, <paramref name="batchSize"/> per transaction.</summary>
    public static async Task<List<Guid>> PlaceOrdersAsync(IHost publisher, int count, int batchSize)
    {
        var eventIds = new List<Guid>(count);
        for (var first = 0; first < count; first += batchSize)
        {
            await using var scope = publisher.Services.CreateAsyncScope();
            eventIds.AddRange(await OrderBook.PlaceAsync(
                scope.ServiceProvider.GetRequiredService<OrdersDbContext>(),
                scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>(),
                first, Math.Min(batchSize, count - first)));
        }

        return eventIds;
    }

    public async Task<(int Rows, int DistinctEvents)> ShipmentsAsync()
    {
        await using var db = ShippingContext();
        return (await db.Shipments.CountAsync(), await db.Shipments.Select(s => s.EventId).Distinct().CountAsync());
    }

    public async Task<int> InboxCountAsync()
    {
        await using var db = ShippingContext();
        return await db.Set<InboxMessage>().CountAsync(m => m.Consumer == ServiceName);
    }

    public async Task<int> OutboxCountAsync()
    {
        await using var db = OrdersContext();
        return await db.Set<OutboxMessage>().CountAsync();
    }

    public async Task<(int Published, int Unpublished)> OutboxAsync()
    {
        await using var db = OrdersContext();
        var published = await db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt != null);
        return (published, await db.Set<OutboxMessage>().CountAsync() - published);
    }

    public OrdersDbContext OrdersContext() =>
        new(new DbContextOptionsBuilder<OrdersDbContext>().UseNpgsql(OrdersDatabase).Options);

    public ShippingDbContext ShippingContext() =>
        new(new DbContextOptionsBuilder<ShippingDbContext>().UseNpgsql(ShippingDatabase).Options);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private async Task StartAsync(IHost host)
    {
        _hosts.Add(host);
        await host.StartAsync();
    }
}
