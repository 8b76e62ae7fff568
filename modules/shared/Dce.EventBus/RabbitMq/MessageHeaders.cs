namespace Dce.EventBus.RabbitMq;

/// <summary>Headers the bus adds to messages beyond the W3C trace context.</summary>
public static class MessageHeaders
{
    /// <summary>Which delivery attempt this is, starting at 1; incremented each time the message passes the retry queue.</summary>
    public const string Attempt = "x-dce-attempt";

    /// <summary>
    /// The <see cref="PartitionSlots"/> slot the message is routed by. No <c>x-</c> prefix: a headers exchange
    /// ignores such headers when matching.
    /// </summary>
    public const string PartitionSlot = "dce-partition-slot";

    /// <summary>The <see cref="IOrderedIntegrationEvent.OrderingKey"/> of an ordered event; absent on unordered ones.</summary>
    public const string OrderingKey = "dce-ordering-key";

    internal static int AttemptOf(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue(Attempt, out var value)
            ? value switch
            {
                int number => number,
                long number => (int)number,
                byte[] or string => int.TryParse(EventBusTelemetry.HeaderText(headers, Attempt), out var parsed) ? parsed : 1,
                _ => 1,
            }
            : 1;

    internal static bool IsOrdered(IDictionary<string, object?>? headers) => headers?.ContainsKey(OrderingKey) == true;
}
