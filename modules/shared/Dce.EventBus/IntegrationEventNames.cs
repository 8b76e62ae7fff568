using System.Collections.Concurrent;
using System.Reflection;

namespace Dce.EventBus;

/// <summary>Resolves the stable name of an integration event type: its <see cref="IntegrationEventNameAttribute"/>, else its type name.</summary>
public static class IntegrationEventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The stable name of <typeparamref name="TEvent"/>.</summary>
    public static string Of<TEvent>() where TEvent : IntegrationEvent => Of(typeof(TEvent));

    /// <summary>The stable name of an integration event type.</summary>
    public static string Of(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Names.GetOrAdd(eventType, static type =>
            type.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name ?? type.Name);
    }
}
