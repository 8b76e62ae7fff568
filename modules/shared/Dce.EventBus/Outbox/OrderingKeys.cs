using System.Text.Json;

namespace Dce.EventBus.Outbox;

/// <summary>Reads an event's <see cref="IOrderedIntegrationEvent.OrderingKey"/> back from its stored JSON.</summary>
internal static class OrderingKeys
{
    private const string Property = "orderingKey";

    public static string? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Property, out var key)
                && key.ValueKind == JsonValueKind.String
                    ? key.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
