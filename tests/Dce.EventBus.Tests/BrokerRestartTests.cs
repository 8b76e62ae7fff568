using Dce.EventBus.Tests.Harness;
using Dce.Testing;

namespace Dce.EventBus.Tests;

public sealed class BrokerRestartTests
{
    private const int Orders = 300;
    private const int BatchSize = 10;

    [Fact]
    public async Task Broker_restarted_mid_stream_loses_nothing_and_applies_each_event_once()
    {
        await using var broker = await LocalRabbitMq.StartAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await using (var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString))
        {
            await scenario.StartConsumerAsync(probe);
        }

        var publisher = await scenario.StartPublisherAsync();

        await EventBusScenario.PlaceOrdersAsync(publisher, Orders / 2, BatchSize);
        await broker.StopAsync();
        await EventBusScenario.PlaceOrdersAsync(publisher, Orders / 2, BatchSize);
        var unpublishedWhileDown = (await scenario.OutboxAsync()).Unpublished;
        await broker.StartAgainAsync();

        await Eventually.HoldsAsync(
            async () => (await scenario.ShipmentsAsync()).Rows == Orders && (await scenario.OutboxAsync()).Unpublished == 0,
            async () => $"shipments {await scenario.ShipmentsAsync()}, outbox {await scenario.OutboxAsync()}");
        Assert.True(unpublishedWhileDown >= Orders / 2, $"only {unpublishedWhileDown} events waited for the broker");
        Assert.Equal((Orders, Orders), await scenario.ShipmentsAsync());
        Assert.Equal(Orders, await scenario.InboxCountAsync());
        Assert.Equal((Orders, 0), await scenario.OutboxAsync());
    }
}
