using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery.Versions;

/// <summary>
/// autoscaling/v1 HorizontalPodAutoscaler over autoscaling/v2 storage: the CPU utilization target maps to a
/// Resource metric; what v1 cannot express (other metrics, current metrics, conditions, behavior) travels in the
/// <c>autoscaling.alpha.kubernetes.io/*</c> annotations, so a v1 read-modify-write keeps it.
/// </summary>
public sealed class HorizontalPodAutoscalerV1 : IVersionConverter
{
    public const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    public const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";
    public const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";

    public static HorizontalPodAutoscalerV1 Instance { get; } = new();

    public JsonObject ToServed(JsonObject stored)
    {
        var v1 = stored.DeepClone().AsObject();
        v1["apiVersion"] = "autoscaling/v1";
        var annotations = new JsonObject();
        if (v1["spec"] is JsonObject spec)
        {
            var metrics = spec["metrics"] as JsonArray ?? [];
            spec.Remove("metrics");
            var cpu = metrics.FirstOrDefault(IsCpuUtilization);
            if (cpu is not null)
            {
                spec["targetCPUUtilizationPercentage"] = cpu.At("resource.target")?["averageUtilization"]?.DeepClone();
            }
            var others = new JsonArray(metrics.Where(m => m != cpu).Select(m => m?.DeepClone()).ToArray());
            Keep(annotations, MetricsAnnotation, others.Count > 0 ? others : null);
            Keep(annotations, BehaviorAnnotation, spec["behavior"]);
            spec.Remove("behavior");
        }
        if (v1["status"] is JsonObject status)
        {
            var current = status["currentMetrics"] as JsonArray ?? [];
            status.Remove("currentMetrics");
            var cpu = current.FirstOrDefault(m => m.Str("type") == "Resource" && m.At("resource").Str("name") == "cpu" && m.At("resource.current")?["averageUtilization"] is not null);
            if (cpu is not null)
            {
                status["currentCPUUtilizationPercentage"] = cpu.At("resource.current")?["averageUtilization"]?.DeepClone();
            }
            var others = new JsonArray(current.Where(m => m != cpu).Select(m => m?.DeepClone()).ToArray());
            Keep(annotations, CurrentMetricsAnnotation, others.Count > 0 ? others : null);
            Keep(annotations, ConditionsAnnotation, status["conditions"] is JsonArray { Count: > 0 } conditions ? conditions : null);
            status.Remove("conditions");
        }
        if (annotations.Count > 0)
        {
            var target = v1.Metadata().Obj("annotations");
            foreach (var (key, value) in annotations)
            {
                target[key] = value?.DeepClone();
            }
        }
        return v1;
    }

    public JsonObject ToStorage(JsonObject served)
    {
        var v2 = served.DeepClone().AsObject();
        v2["apiVersion"] = "autoscaling/v2";
        var annotations = v2.Metadata()["annotations"] as JsonObject;
        var spec = v2.Obj("spec");
        var metrics = new JsonArray();
        if (spec["targetCPUUtilizationPercentage"] is { } percent)
        {
            metrics.Add(CpuMetric(percent.DeepClone()));
        }
        spec.Remove("targetCPUUtilizationPercentage");
        foreach (var metric in Take(annotations, MetricsAnnotation) as JsonArray ?? [])
        {
            metrics.Add(metric?.DeepClone());
        }
        if (metrics.Count > 0)
        {
            spec["metrics"] = metrics;
        }
        if (Take(annotations, BehaviorAnnotation) is JsonObject behavior)
        {
            spec["behavior"] = behavior;
        }
        var currentMetrics = Take(annotations, CurrentMetricsAnnotation) as JsonArray;
        var conditions = Take(annotations, ConditionsAnnotation) as JsonArray;
        if (v2["status"] is JsonObject status)
        {
            var current = new JsonArray();
            if (status["currentCPUUtilizationPercentage"] is { } cpu)
            {
                current.Add(new JsonObject
                {
                    ["type"] = "Resource",
                    ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = cpu.DeepClone() } },
                });
            }
            status.Remove("currentCPUUtilizationPercentage");
            foreach (var metric in currentMetrics ?? [])
            {
                current.Add(metric?.DeepClone());
            }
            if (current.Count > 0)
            {
                status["currentMetrics"] = current;
            }
            if (conditions is not null)
            {
                status["conditions"] = conditions.DeepClone();
            }
        }
        if (annotations is { Count: 0 })
        {
            v2.Metadata().Remove("annotations");
        }
        return v2;
    }

    private static bool IsCpuUtilization(JsonNode? metric) =>
        metric.Str("type") == "Resource" && metric.At("resource").Str("name") == "cpu" && metric.At("resource.target").Str("type") == "Utilization";

    private static JsonObject CpuMetric(JsonNode? percent) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject
        {
            ["name"] = "cpu",
            ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percent },
        },
    };

    private static void Keep(JsonObject annotations, string key, JsonNode? value)
    {
        if (value is not null)
        {
            annotations[key] = value.ToJsonString();
        }
    }

    private static JsonNode? Take(JsonObject? annotations, string key)
    {
        if (annotations?[key] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }
        annotations.Remove(key);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            throw ApiException.BadRequest($"metadata.annotations[{key}]: Invalid value: the annotation must hold JSON");
        }
    }
}
