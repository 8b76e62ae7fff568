using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Kubernetes.Printing;

/// <summary>The columns <c>kubectl get hpa</c> and <c>kubectl get pdb</c> print, as the API server's printers give them.</summary>
public static class ScalingColumns
{
    public static List<(string Name, string Type, Func<JsonObject, JsonNode?> Cell)> Autoscaler =>
    [
        ("Reference", "string", o => $"{o.StrAt("spec.scaleTargetRef.kind")}/{o.StrAt("spec.scaleTargetRef.name")}"),
        ("Targets", "string", Targets),
        ("MinPods", "string", o => (o.At("spec").Long("minReplicas") ?? 1).ToString(CultureInfo.InvariantCulture)),
        ("MaxPods", "integer", o => o.At("spec").Long("maxReplicas") ?? 0),
        ("Replicas", "integer", o => o.At("status").Long("currentReplicas") ?? 0),
    ];

    public static List<(string Name, string Type, Func<JsonObject, JsonNode?> Cell)> Budget =>
    [
        ("Min Available", "string", o => o.StrAt("spec.minAvailable") ?? "N/A"),
        ("Max Unavailable", "string", o => o.StrAt("spec.maxUnavailable") ?? "N/A"),
        ("Allowed Disruptions", "integer", o => o.At("status").Long("disruptionsAllowed") ?? 0),
    ];

    private static JsonNode? Targets(JsonObject hpa)
    {
        var specs = (hpa.At("spec.metrics") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (specs.Count == 0)
        {
            return "<none>";
        }
        var current = (hpa.At("status.currentMetrics") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var parts = specs.Take(2).Select(spec =>
        {
            if (spec.Str("type") != "Resource")
            {
                return $"{spec.Str("type")}: <unknown>";
            }
            var name = spec.StrAt("resource.name");
            var target = spec.At("resource.target");
            var now = current.FirstOrDefault(m => m.StrAt("resource.name") == name)?.At("resource.current");
            return target.Long("averageUtilization") is { } utilization
                ? $"{name}: {(now.Long("averageUtilization") is { } u ? $"{u}%" : "<unknown>")}/{utilization}%"
                : $"{name}: {now.StrAt("averageValue") ?? "<unknown>"}/{target.StrAt("averageValue")}";
        }).ToList();
        return specs.Count > 2 ? string.Join(", ", parts) + $" + {specs.Count - 2} more..." : string.Join(", ", parts);
    }
}
