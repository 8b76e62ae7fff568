using Dce.EventBus.Tests.Harness;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Dce.EventBus.Tests;

/// <summary>Several replicas of a module compete for its messages, and each key's events are still applied once and in order.</summary>
public sealed class OrderedDeliveryTests
{
    private const int Keys = 20;
    private const int StepsPerKey = 50;

    [Fact]
    public async Task Two_replicas_share_the_partitions_and_a_replica_killed_mid_message_loses_nor_reorders_any_key()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        static void QuickRebalance(EventBusOptions options) => options.RebalanceInterval = TimeSpan.FromMilliseconds(200);
        var doomed = await scenario.StartConsumerAsync(probe, QuickRebalance, replica: "doomed");
        await scenario.StartConsumerAsync(probe, QuickRebalance, replica: "survivor");
        var publisher = await scenario.StartPublisherAsync();

        for (var round = 0; round < StepsPerKey / 2; round++)
        {
            await EventBusScenario.StageStepsAsync(publisher, Round(round));
        }

        await Eventually.HoldsAsync(
            async () => (await scenario.AppliedStepsAsync()).Select(s => s.Replica).Distinct().Count() == 2,
            async () => $"steps applied by {string.Join(", ", (await scenario.AppliedStepsAsync()).GroupBy(s => s.Replica).Select(g => $"{g.Key}: {g.Count()}"))}");

        var control = doomed.Services.GetRequiredService<StepControl>();
        // The doomed replica may have finished the first half already: the second half gives it a message to freeze on.
        control.HoldNext();
        for (var round = StepsPerKey / 2; round < StepsPerKey; round++)
        {
            await EventBusScenario.StageStepsAsync(publisher, Round(round));
        }

        // Under load the doomed replica may hold no partition with work left; then it dies between messages, which the
        // assertions below must survive just the same.
        await Task.WhenAny(control.Held, Task.Delay(TimeSpan.FromSeconds(20)));
        // The close reaches the broker at once, which hands the partitions on; the client itself waits for the
        // frozen handler, which only ends when the host stops, as a dead process's transaction ends with it.
        var closing = doomed.Services.GetRequiredService<IConnection>().CloseAsync();

        await doomed.StopAsync();
        await closing.WaitAsync(Eventually.Patience);

        await Eventually.HoldsAsync(
            async () => (await scenario.AppliedStepsAsync()).Count >= Keys * StepsPerKey,
            async () => $"{(await scenario.AppliedStepsAsync()).Count} of {Keys * StepsPerKey} steps applied");
        var applied = await scenario.AppliedStepsAsync();
        Assert.Equal(Keys * StepsPerKey, applied.Count);
        Assert.Equal(Keys * StepsPerKey, applied.Select(s => s.EventId).Distinct().Count());
        AssertInOrderPerKey(applied);
        Assert.Equal(["doomed", "survivor"], applied.Select(s => s.Replica).Distinct().Order());
    }

    [Fact]
    public async Task Two_relays_racing_over_one_keys_backlog_publish_it_in_outbox_order()
    {
        const int backlog = 400;
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        await scenario.StartConsumerAsync(probe);
        var staging = await scenario.StartPublisherAsync(relayEnabled: false);
        await EventBusScenario.StageStepsAsync(staging, Enumerable.Range(0, backlog).Select(number => new KeyedStep("hot", number)));

        // One row per batch: without the relay lock each relay takes the next unlocked row, so two consecutive steps of
        // the key are in flight at once and the later one often reaches the broker first.
        static void OneRowBatches(EventBusOptions options) => options.RelayBatchSize = 1;
        await Task.WhenAll(scenario.StartPublisherAsync(OneRowBatches), scenario.StartPublisherAsync(OneRowBatches));

        await Eventually.HoldsAsync(
            async () => (await scenario.AppliedStepsAsync()).Count >= backlog,
            async () => $"{(await scenario.AppliedStepsAsync()).Count} of {backlog} steps applied, outbox {await scenario.OutboxAsync()}");
        var applied = (await scenario.AppliedStepsAsync()).Select(s => s.Number).ToList();
        var inversions = applied.Zip(applied.Skip(1)).Count(pair => pair.First > pair.Second);
        Assert.True(inversions == 0 && applied.SequenceEqual(Enumerable.Range(0, backlog)),
            $"{inversions} steps applied after a later one: {string.Join(", ", applied.Take(40))}...");
    }

    [Fact]
    public async Task A_failing_ordered_event_is_retried_before_any_later_event_of_its_key()
    {
        const int steps = 10;
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        var consumer = await scenario.StartConsumerAsync(probe, options =>
        {
            options.MaxDeliveryAttempts = 3;
            options.RetryDelay = TimeSpan.FromMilliseconds(200);
        });
        consumer.Services.GetRequiredService<StepControl>().FailTimes("k", 3, times: 2);
        var publisher = await scenario.StartPublisherAsync();

        await EventBusScenario.StageStepsAsync(publisher, Enumerable.Range(0, steps).Select(number => new KeyedStep("k", number)));

        await Eventually.HoldsAsync(
            async () => (await scenario.AppliedStepsAsync()).Count >= steps,
            async () => $"{(await scenario.AppliedStepsAsync()).Count} of {steps} steps applied");
        Assert.Equal(Enumerable.Range(0, steps), (await scenario.AppliedStepsAsync()).Select(s => s.Number));
        Assert.Equal(0, observer.DeadLettered);
        Assert.Equal(0u, await probe.MessageCountAsync($"{scenario.ServiceName}.dlq"));
    }

    [Fact]
    public async Task Messages_left_in_the_queue_of_before_partitions_are_drained_and_it_takes_no_new_ones()
    {
        const int leftBehind = 30;
        const int afterwards = 10;
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await probe.DeclareUnpartitionedQueueAsync(scenario.Exchange, scenario.ServiceName, "tests.order-placed");
        var publisher = await scenario.StartPublisherAsync();
        await EventBusScenario.PlaceOrdersAsync(publisher, leftBehind, batchSize: 10);
        await Eventually.HoldsAsync(
            async () => await probe.MessageCountAsync(scenario.ServiceName) == leftBehind,
            async () => $"{await probe.MessageCountAsync(scenario.ServiceName)} messages waiting in the old queue");

        await scenario.StartConsumerAsync(probe);
        await EventBusScenario.PlaceOrdersAsync(publisher, afterwards, batchSize: 10);

        await Eventually.HoldsAsync(
            () => Task.FromResult(observer.Applied == leftBehind + afterwards),
            async () => $"applied {observer.Applied}, shipments {await scenario.ShipmentsAsync()}");
        Assert.Equal((leftBehind + afterwards, leftBehind + afterwards), await scenario.ShipmentsAsync());
        Assert.Equal(0, observer.Duplicates);
        Assert.Equal(0u, await probe.MessageCountAsync(scenario.ServiceName));
    }

    private static IEnumerable<KeyedStep> Round(int round) =>
        Enumerable.Range(0, Keys).Select(key => new KeyedStep($"key-{key}", round));

    private static void AssertInOrderPerKey(IReadOnlyList<AppliedStep> applied)
    {
        foreach (var key in applied.GroupBy(s => s.Key))
        {
            Assert.Equal(Enumerable.Range(0, StepsPerKey), key.Select(s => s.Number));
        }

        Assert.Equal(Keys, applied.Select(s => s.Key).Distinct().Count());
    }
}
