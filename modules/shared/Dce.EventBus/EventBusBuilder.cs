using Dce.EventBus.Consuming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dce.EventBus;

/// <summary>Registers the integration events a module consumes; returned by <see cref="EventBusExtensions.AddEventBus{TDbContext}"/>.</summary>
public sealed class EventBusBuilder<TDbContext> where TDbContext : DbContext
{
    internal EventBusBuilder(IServiceCollection services) => Services = services;

    /// <summary>The module's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Handles <typeparamref name="TEvent"/> with <typeparamref name="THandler"/> (scoped): the module's queue is
    /// bound to the event's name and the consumer starts with the host.
    /// </summary>
    public EventBusBuilder<TDbContext> AddHandler<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationEventHandler<TEvent>, THandler>());
        Services.AddSingleton(IntegrationEventSubscription.For<TEvent>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IntegrationEventConsumer<TDbContext>>());
        return this;
    }
}
