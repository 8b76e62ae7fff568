using Dce.EventBus.Tests.Harness;
using Dce.EventBus.Tests.Publisher;
using Dce.Testing;
using RabbitMQ.Client;

namespace Dce.EventBus.Tests;

public sealed class OutboxDeliveryTests
{
    private const int Orders = 1_000;
    private const int Resent = 50;

    [Fact]
    public async Task Thousand_events_saved_with_their_entities_are_applied_exactly_once_even_when_resent()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await scenario.StartConsumerAsync(probe);
        var publisher = await scenario.StartPublisherAsync();

        var eventIds = await EventBusScenario.PlaceOrdersAsync(publisher, Orders, batchSize: 100);

        await Eventually.HoldsAsync(
            async () => (await scenario.ShipmentsAsync()).Rows == Orders,
            async () => $"shipments {await scenario.ShipmentsAsync()}, outbox {await scenario.OutboxAsync()}");
        for (var i = 0; i < Resent; i++)
        {
            await ResendAsync(probe, scenario.Exchange, eventIds[i], i);
        }

        await Eventually.HoldsAsync(() => observer.Duplicates == Resent, () => $"{observer.Duplicates} duplicates seen");
        Assert.Equal(Orders, eventIds.Distinct().Count());
        Assert.Equal((Orders, Orders), await scenario.ShipmentsAsync());
        Assert.Equal(Orders, await scenario.InboxCountAsync());
        Assert.Equal(Orders, observer.Applied);
        Assert.Equal(Resent, observer.Duplicates);
        Assert.Equal((Orders, 0), await scenario.OutboxAsync());
    }

    [Fact]
    public async Task Two_relays_on_one_outbox_publish_each_event_once()
    {
        const int orders = 500;
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await scenario.StartConsumerAsync(probe);
        var firstReplica = await scenario.StartPublisherAsync();
        var secondReplica = await scenario.StartPublisherAsync();

        await Task.WhenAll(
            EventBusScenario.PlaceOrdersAsync(firstReplica, orders / 2, batchSize: 25),
            EventBusScenario.PlaceOrdersAsync(secondReplica, orders / 2, batchSize: 25));

        await Eventually.HoldsAsync(
            async () => observer.Applied == orders && (await scenario.OutboxAsync()).Unpublished == 0,
            async () => $"applied {observer.Applied}, outbox {await scenario.OutboxAsync()}");
        Assert.Equal(0, observer.Duplicates);
        Assert.Equal((orders, orders), await scenario.ShipmentsAsync());
    }

    /// <summary>A second copy of a delivered message, with the same message id, as a redelivery or a relay crash produces.</summary>
    private static async Task ResendAsync(BrokerProbe probe, string exchange, Guid eventId, int number)
    {
        var properties = new BasicProperties
        {
            MessageId = eventId.ToString(),
            Type = "tests.order-placed",
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
        };
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new OrderPlaced(Guid.NewGuid(), number) { Id = eventId },
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        await probe.PublishAsync(exchange, "tests.order-placed", properties, body);
    }
}
