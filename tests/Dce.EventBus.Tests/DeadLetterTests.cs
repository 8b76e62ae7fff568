using System.Text;
using Dce.EventBus.RabbitMq;
using Dce.EventBus.Tests.Harness;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Dce.EventBus.Tests;

public sealed class DeadLetterTests
{
    private const int MaxAttempts = 3;
    private const int FollowingOrders = 20;

    [Fact]
    public async Task Poison_message_is_dead_lettered_after_bounded_retries_and_the_consumer_goes_on()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        var consumer = await scenario.StartConsumerAsync(probe, options =>
        {
            options.MaxDeliveryAttempts = MaxAttempts;
            options.RetryDelay = TimeSpan.FromMilliseconds(300);
        });
        var publisher = await scenario.StartPublisherAsync();
        var poison = new PoisonPill();

        await probe.PublishAsync(scenario.Exchange, IntegrationEventNames.Of<PoisonPill>(), new BasicProperties
        {
            MessageId = poison.Id.ToString(),
            Type = IntegrationEventNames.Of<PoisonPill>(),
            DeliveryMode = DeliveryModes.Persistent,
        }, Encoding.UTF8.GetBytes(IntegrationEventSerializer.Serialize(poison)));
        await EventBusScenario.PlaceOrdersAsync(publisher, FollowingOrders, batchSize: 5);

        var deadLetterQueue = $"{scenario.ServiceName}.dlq";
        await Eventually.HoldsAsync(
            async () => observer.Applied == FollowingOrders && observer.DeadLettered == 1 && await probe.MessageCountAsync(deadLetterQueue) == 1,
            async () => $"shipments {await scenario.ShipmentsAsync()}, dead letters {await probe.MessageCountAsync(deadLetterQueue)}");

        var deadLetters = await probe.DrainAsync(deadLetterQueue);
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal(poison.Id.ToString(), deadLetter.BasicProperties.MessageId);
        Assert.Equal(MaxAttempts, Convert.ToInt32(deadLetter.BasicProperties.Headers![MessageHeaders.Attempt]));
        Assert.Equal(MaxAttempts, consumer.Services.GetRequiredService<PoisonAttempts>().Count);
        Assert.Equal(MaxAttempts - 1, observer.Retried);
        Assert.Equal(1, observer.DeadLettered);
        Assert.Equal(FollowingOrders, observer.Applied);
        Assert.Equal((FollowingOrders, FollowingOrders), await scenario.ShipmentsAsync());
        Assert.Equal(0u, await probe.MessageCountAsync(scenario.ServiceName));
        Assert.Equal(0u, await probe.MessageCountAsync($"{scenario.ServiceName}.retry"));
    }

    [Fact]
    public async Task Database_outage_longer_than_the_attempts_requeues_without_dead_lettering()
    {
        const int outageFailures = 5;
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        var consumer = await scenario.StartConsumerAsync(probe, options => options.MaxDeliveryAttempts = MaxAttempts);
        var outage = consumer.Services.GetRequiredService<DatabaseOutage>();
        outage.Last(outageFailures);
        var counted = new StockCounted(7);

        await probe.PublishAsync(scenario.Exchange, IntegrationEventNames.Of<StockCounted>(), new BasicProperties
        {
            MessageId = counted.Id.ToString(),
            Type = IntegrationEventNames.Of<StockCounted>(),
            DeliveryMode = DeliveryModes.Persistent,
        }, Encoding.UTF8.GetBytes(IntegrationEventSerializer.Serialize(counted)));

        await Eventually.HoldsAsync(() => observer.Applied == 1, () => $"applied {observer.Applied}, requeued {observer.Requeued}");
        Assert.Equal(outageFailures, outage.Failures);
        Assert.Equal(outageFailures, observer.Requeued);
        Assert.Equal(0, observer.Retried);
        Assert.Equal(0, observer.DeadLettered);
        Assert.Equal(0u, await probe.MessageCountAsync($"{scenario.ServiceName}.dlq"));
        Assert.Equal((1, 1), await scenario.ShipmentsAsync());
    }
}
