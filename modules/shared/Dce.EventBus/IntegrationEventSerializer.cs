using System.Text.Json;

namespace Dce.EventBus;

/// <summary>The one JSON shape of integration events on the wire (System.Text.Json, web defaults).</summary>
public static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes an event as its runtime type.</summary>
    public static string Serialize(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Options);
    }

    /// <summary>Reads an event of the given type from UTF-8 JSON.</summary>
    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> utf8Json, Type eventType) =>
        JsonSerializer.Deserialize(utf8Json, eventType, Options) as IntegrationEvent
        ?? throw new JsonException($"The message body is not a {eventType.Name}.");
}
