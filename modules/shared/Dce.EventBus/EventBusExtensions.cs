using Dce.EventBus.Outbox;
using Dce.EventBus.RabbitMq;
using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Dce.EventBus;

/// <summary>Adds the integration event bus to a module.</summary>
public static class EventBusExtensions
{
    /// <summary>
    /// Adds the event bus over the RabbitMQ connection <paramref name="connectionName"/> (read from
    /// <c>ConnectionStrings:{connectionName}</c> through Aspire's RabbitMQ client, unless an <see cref="IConnection"/>
    /// is registered already) and the outbox of <typeparamref name="TDbContext"/>, which must be registered by the
    /// module and call <c>modelBuilder.AddEventBusTables()</c>. Registers <see cref="IIntegrationEventOutbox"/> and
    /// the relay; add handlers on the returned builder.
    /// </summary>
    public static EventBusBuilder<TDbContext> AddEventBus<TDbContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<EventBusOptions>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        if (!builder.Services.Any(service => service.ServiceType == typeof(IConnection)))
        {
            builder.AddRabbitMQClient(connectionName);
        }

        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddOptions<EventBusOptions>()
            .Configure(options =>
            {
                options.ServiceName = applicationName.ToLowerInvariant();
                configure?.Invoke(options);
            })
            .Validate(options => !string.IsNullOrWhiteSpace(options.ServiceName), "EventBusOptions.ServiceName is required.")
            .Validate(options => options.MaxDeliveryAttempts >= 1, "EventBusOptions.MaxDeliveryAttempts must be at least 1.")
            .Validate(options => options.RetentionInterval > TimeSpan.Zero, "EventBusOptions.RetentionInterval must be positive.")
            .Validate(options => options.PartitionCount is >= 1 and <= PartitionSlots.Count, $"EventBusOptions.PartitionCount must be between 1 and {PartitionSlots.Count}.")
            .Validate(options => options.RebalanceInterval > TimeSpan.Zero, "EventBusOptions.RebalanceInterval must be positive.")
            .ValidateOnStart();

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddScoped<IIntegrationEventOutbox, IntegrationEventOutbox<TDbContext>>();
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddHostedService<EventBusRetention<TDbContext>>();
        return new EventBusBuilder<TDbContext>(builder.Services);
    }
}
