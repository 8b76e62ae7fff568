using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;

namespace Dce.EventBus;

/// <summary>Spans and counters of the event bus, reported under the "Dce" source and meter.</summary>
internal static class EventBusTelemetry
{
    public const string OutcomeTag = "dce.event_bus.outcome";

    /// <summary>The platform's source and meter, which service defaults collect (<c>TelemetryExtensions.DceSourceName</c>).</summary>
    private const string SourceName = "Dce";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "dce.event_bus.published", "{message}", "Integration events the broker confirmed.");

    public static readonly Counter<long> Consumed = Meter.CreateCounter<long>(
        "dce.event_bus.consumed", "{message}", "Messages a consumer finished, by outcome.");

    public static Activity? StartPublish(string eventName, string exchange, string messageId, string? parentTraceParent)
    {
        ActivityContext.TryParse(parentTraceParent, null, out var parent);
        var activity = Source.StartActivity($"{eventName} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", eventName);
        activity?.SetTag("messaging.message.id", messageId);
        return activity;
    }

    public static Activity? StartConsume(string? eventName, string queue, string? messageId, IDictionary<string, object?>? headers)
    {
        var traceParent = HeaderText(headers, "traceparent");
        ActivityContext.TryParse(traceParent, HeaderText(headers, "tracestate"), out var parent);
        var activity = Source.StartActivity($"{eventName} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", queue);
        activity?.SetTag("messaging.message.id", messageId);
        return activity;
    }

    /// <summary>Writes the W3C trace context of <paramref name="activity"/> into message headers.</summary>
    public static void Inject(Activity? activity, IDictionary<string, object?> headers)
    {
        if (activity is null)
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) =>
        {
            if (carrier is IDictionary<string, object?> target)
            {
                target[key] = value;
            }
        });
    }

    public static void RecordOutcome(Activity? activity, string queue, string outcome)
    {
        activity?.SetTag(OutcomeTag, outcome);
        Consumed.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", queue), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Header values arrive from the broker as bytes.</summary>
    public static string? HeaderText(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => value?.ToString(),
            }
            : null;
}
