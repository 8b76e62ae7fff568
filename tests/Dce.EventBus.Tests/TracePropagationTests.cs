using System.Diagnostics;
using Dce.ServiceDefaults.Telemetry;
using Dce.EventBus.Tests.Harness;
using Dce.Testing;

namespace Dce.EventBus.Tests;

public sealed class TracePropagationTests
{
    [Fact]
    public async Task Consume_span_joins_the_trace_of_the_operation_that_saved_the_event()
    {
        var broker = await SharedMiddleware.RabbitMqAsync();
        await using var scenario = await EventBusScenario.CreateAsync(broker.ConnectionString);
        await using var probe = await BrokerProbe.ConnectAsync(broker.ConnectionString);
        using var observer = new ConsumeObserver(scenario.ServiceName);
        await scenario.StartConsumerAsync(probe);
        var publisher = await scenario.StartPublisherAsync();
        using var source = new ActivitySource(TelemetryExtensions.DceSourceName);

        ActivityTraceId placeOrderTrace;
        using (var placeOrder = source.StartActivity("place order"))
        {
            Assert.NotNull(placeOrder);
            placeOrderTrace = placeOrder.TraceId;
            await EventBusScenario.PlaceOrdersAsync(publisher, count: 1, batchSize: 1);
        }

        await Eventually.HoldsAsync(() => observer.Applied == 1, () => $"applied {observer.Applied}");
        Assert.Equal([placeOrderTrace], observer.TraceIds);
    }
}
