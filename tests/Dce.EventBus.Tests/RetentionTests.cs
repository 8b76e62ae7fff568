using Dce.EventBus.Tests.Harness;
using Dce.Testing;

namespace Dce.EventBus.Tests;

public sealed class RetentionTests
{
    private const int Orders = 10;

    [Fact]
    public async Task Processed_outbox_and_inbox_rows_are_deleted_after_the_retention_period()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        void ShortRetention(EventBusOptions options)
        {
            options.RetainProcessedFor = TimeSpan.FromMilliseconds(1);
            options.RetentionInterval = TimeSpan.FromMilliseconds(200);
        }

        await scenario.StartConsumerAsync(probe, ShortRetention);
        var publisher = await scenario.StartPublisherAsync(ShortRetention);

        await EventBusScenario.PlaceOrdersAsync(publisher, Orders, batchSize: 5);

        await Eventually.HoldsAsync(() => observer.Applied == Orders, () => $"applied {observer.Applied}");
        await Eventually.HoldsAsync(
            async () => await scenario.OutboxCountAsync() == 0 && await scenario.InboxCountAsync() == 0,
            async () => $"outbox rows {await scenario.OutboxCountAsync()}, inbox rows {await scenario.InboxCountAsync()}");
        Assert.Equal((Orders, Orders), await scenario.ShipmentsAsync());
    }
}
