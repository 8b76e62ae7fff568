using Microsoft.Extensions.DependencyInjection;

namespace Dce.EventBus.Consuming;

/// <summary>One event type a module handles: its stable name, its CLR type and how to run its handlers.</summary>
internal sealed class IntegrationEventSubscription
{
    private IntegrationEventSubscription(string eventName, Type eventType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> dispatch)
    {
        EventName = eventName;
        EventType = eventType;
        DispatchAsync = dispatch;
    }

    public string EventName { get; }

    public Type EventType { get; }

    /// <summary>Runs every handler registered for the event type, resolved from the message's scope.</summary>
    public Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> DispatchAsync { get; }

    public static IntegrationEventSubscription For<TEvent>() where TEvent : IntegrationEvent =>
        new(IntegrationEventNames.Of<TEvent>(), typeof(TEvent), DispatchToHandlersAsync<TEvent>);

    private static async Task DispatchToHandlersAsync<TEvent>(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)integrationEvent, cancellationToken);
        }
    }
}
