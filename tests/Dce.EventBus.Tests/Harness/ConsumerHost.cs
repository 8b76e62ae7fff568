using Dce.EventBus.Tests.Publisher;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dce.EventBus.Tests.Harness;

/// <summary>Builds the consuming module's host the way a module registers the bus.</summary>
internal static class ConsumerHost
{
    public static IHost Build(string postgres, string rabbitMq, string exchange, string serviceName, Action<EventBusOptions>? configure = null, string replica = "replica")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "shipping",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = rabbitMq });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ShippingDbContext>(options => options.UseNpgsql(postgres));
        builder.Services.AddSingleton<PoisonAttempts>();
        builder.Services.AddSingleton<DatabaseOutage>();
        builder.Services.AddSingleton(new ReplicaName(replica));
        builder.Services.AddSingleton<StepControl>();
        builder.AddEventBus<ShippingDbContext>("messaging", options =>
            {
                options.ExchangeName = exchange;
                options.ServiceName = serviceName;
                options.MaxBackoff = TimeSpan.FromSeconds(1);
                configure?.Invoke(options);
            })
            .AddHandler<OrderPlaced, ShipOrderHandler>()
            .AddHandler<PoisonPill, AlwaysFailingHandler>()
            .AddHandler<StockCounted, StockCountedHandler>()
            .AddHandler<KeyedStep, KeyedStepHandler>();
        return builder.Build();
    }
}
