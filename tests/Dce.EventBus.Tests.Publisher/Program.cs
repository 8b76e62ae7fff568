using System.Diagnostics;
using Dce.EventBus;
using Dce.ServiceDefaults.Telemetry;
using Dce.EventBus.Tests.Publisher;
using Microsoft.Extensions.DependencyInjection;

// A publishing module the tests kill at a chosen moment:
//   commit         saves the orders with their events, reports "committed" and waits, relay off;
//   publish-one    saves, reports "committed", starts the relay and freezes right after the first broker
//                  confirm, before the row is marked published, reporting "published".
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <postgres> <rabbitmq> <exchange> <count> commit|publish-one");
    return 2;
}

var (postgres, rabbitMq, exchange, count, mode) = (args[0], args[1], args[2], int.Parse(args[3]), args[4]);
var publishOne = mode == "publish-one";
using var host = PublisherHost.Build(postgres, rabbitMq, exchange, relayEnabled: publishOne);

using (var scope = host.Services.CreateScope())
{
    await OrderBook.PlaceAsync(
        scope.ServiceProvider.GetRequiredService<OrdersDbContext>(),
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>(),
        firstNumber: 0, count);
}

Console.WriteLine("committed");

if (publishOne)
{
    using var freezeAfterFirstConfirm = new ActivityListener
    {
        ShouldListenTo = source => source.Name == TelemetryExtensions.DceSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStopped = activity =>
        {
            if (activity.Kind == ActivityKind.Producer && activity.Status != ActivityStatusCode.Error)
            {
                Console.WriteLine("published");
                Thread.Sleep(Timeout.Infinite);
            }
        },
    };
    ActivitySource.AddActivityListener(freezeAfterFirstConfirm);
    await host.StartAsync();
    await Task.Delay(Timeout.Infinite);
}

await Task.Delay(Timeout.Infinite);
return 0;
