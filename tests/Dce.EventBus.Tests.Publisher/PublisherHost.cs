using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dce.EventBus.Tests.Publisher;

/// <summary>Builds the publishing module's host: its orders database and the event bus with or without the relay.</summary>
public static class PublisherHost
{
    public static IHost Build(string postgres, string rabbitMq, string exchange, bool relayEnabled, Action<EventBusOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "orders",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = rabbitMq });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<OrdersDbContext>(options => options.UseNpgsql(postgres));
        builder.AddEventBus<OrdersDbContext>("messaging", options =>
        {
            options.ExchangeName = exchange;
            options.RelayEnabled = relayEnabled;
            options.RelayPollInterval = TimeSpan.FromMilliseconds(200);
            options.MaxBackoff = TimeSpan.FromSeconds(1);
            configure?.Invoke(options);
        });
        return builder.Build();
    }
}
