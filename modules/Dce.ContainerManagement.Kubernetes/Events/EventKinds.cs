using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Events as DCE lists them: newest first by their last occurrence, filtered by what they are about.</summary>
public static class EventKinds
{
    /// <summary>When the event last happened: lastTimestamp, else eventTime, else its creation.</summary>
    public static string LastSeen(JsonObject evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        return (evt["lastTimestamp"] ?? evt["eventTime"] ?? evt["metadata"]?["creationTimestamp"])?.ToString() ?? "";
    }

    /// <summary>Fills <c>lastTimestamp</c> and <c>firstTimestamp</c> from the newer fields when the cluster left them empty.</summary>
    public static JsonObject Normalize(JsonObject evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt["lastTimestamp"] ??= LastSeen(evt);
        evt["firstTimestamp"] ??= (evt["eventTime"] ?? evt["metadata"]?["creationTimestamp"])?.DeepClone();
        evt["source"] ??= evt["reportingComponent"] is { } component ? new JsonObject { ["component"] = component.ToString() } : null;
        return evt;
    }

    /// <summary>The kinds of the objects the events are about, each once, sorted.</summary>
    public static IReadOnlyList<string> InvolvedKinds(IEnumerable<JsonObject> events) =>
        [.. events.Select(e => e["involvedObject"]?["kind"]?.ToString()).OfType<string>().Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
