using Dce.EventBus.Tests.Harness;
using Dce.Testing;

namespace Dce.EventBus.Tests;

public sealed class PublisherCrashTests
{
    private const int Orders = 40;

    [Fact]
    public async Task Process_killed_between_commit_and_publish_delivers_each_event_once_after_restart()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await scenario.StartConsumerAsync(probe);

        using (var crashed = PublisherProcess.Start(scenario, Orders, "commit"))
        {
            await crashed.WaitForAsync("committed");
            await crashed.KillAsync();
        }

        Assert.Equal((0, Orders), await scenario.OutboxAsync());
        Assert.Equal(0u, await probe.MessageCountAsync(scenario.ServiceName));

        await scenario.StartPublisherAsync();

        await Eventually.HoldsAsync(
            async () => observer.Applied == Orders && (await scenario.OutboxAsync()).Published == Orders,
            async () => $"applied {observer.Applied}, outbox {await scenario.OutboxAsync()}");
        Assert.Equal((Orders, Orders), await scenario.ShipmentsAsync());
        Assert.Equal(0, observer.Duplicates);
        Assert.Equal((Orders, 0), await scenario.OutboxAsync());
    }

    [Fact]
    public async Task Process_killed_after_the_confirm_but_before_marking_resends_and_the_inbox_applies_once()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await scenario.StartConsumerAsync(probe);

        using (var crashed = PublisherProcess.Start(scenario, Orders, "publish-one"))
        {
            await crashed.WaitForAsync("published");
            await crashed.KillAsync();
        }

        Assert.Equal((0, Orders), await scenario.OutboxAsync());
        await Eventually.HoldsAsync(() => observer.Applied == 1, () => $"applied {observer.Applied} before the restart");

        await scenario.StartPublisherAsync();

        await Eventually.HoldsAsync(
            async () => observer.Applied == Orders && observer.Duplicates == 1 && (await scenario.OutboxAsync()).Published == Orders,
            async () => $"applied {observer.Applied}, duplicates {observer.Duplicates}, outbox {await scenario.OutboxAsync()}");
        Assert.Equal((Orders, Orders), await scenario.ShipmentsAsync());
        Assert.Equal(Orders, await scenario.InboxCountAsync());
        Assert.Equal((Orders, 0), await scenario.OutboxAsync());
    }
}
