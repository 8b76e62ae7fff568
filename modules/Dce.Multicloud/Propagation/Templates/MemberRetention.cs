using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>
/// What a member's API server owns in an object and an update must carry over (Karmada's Retain interpretation):
/// its status, a Service's cluster IPs, a Job's generated selector and pod labels.
/// </summary>
public static class MemberRetention
{
    public static JsonObject Merge(JsonObject desired, JsonObject existing)
    {
        var updated = desired.DeepClone().AsObject();
        var metadata = updated["metadata"] as JsonObject ?? (JsonObject)(updated["metadata"] = new JsonObject());
        metadata["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.DeepClone();
        if (existing["status"] is { } status)
        {
            updated["status"] = status.DeepClone();
        }

        switch (updated["kind"]?.GetValue<string>())
        {
            case "Service" when updated["spec"] is JsonObject spec:
                Keep(spec, existing["spec"], "clusterIP", "clusterIPs");
                break;
            case "Job" when updated["spec"] is JsonObject spec:
                Keep(spec, existing["spec"], "selector");
                if (existing["spec"]?["template"]?["metadata"]?["labels"] is JsonObject podLabels && spec["template"] is JsonObject template)
                {
                    var templateMetadata = template["metadata"] as JsonObject ?? (JsonObject)(template["metadata"] = new JsonObject());
                    var labels = templateMetadata["labels"] as JsonObject ?? (JsonObject)(templateMetadata["labels"] = new JsonObject());
                    foreach (var (key, value) in podLabels.Where(label => !labels.ContainsKey(label.Key)))
                    {
                        labels[key] = value?.DeepClone();
                    }
                }

                break;
        }

        return updated;
    }

    private static void Keep(JsonObject spec, JsonNode? existingSpec, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (existingSpec?[field] is { } value && spec[field] is null)
            {
                spec[field] = value.DeepClone();
            }
        }
    }
}
