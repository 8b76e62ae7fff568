using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Autoscaling;

/// <summary>One scaling policy: at most <c>Value</c> pods or percent per <c>PeriodSeconds</c>.</summary>
public sealed record ScalingPolicy(string Type, long Value, long PeriodSeconds);

/// <summary>
/// The rules of one direction of <c>spec.behavior</c>, with the API's defaults filled in: scale up with no window,
/// the larger of 4 pods or 100% per 15 s; scale down with a 300 s window and up to 100% per 15 s.
/// </summary>
public sealed record ScalingRules(long WindowSeconds, string SelectPolicy, IReadOnlyList<ScalingPolicy> Policies)
{
    public const long DefaultScaleDownWindowSeconds = 300;

    public static ScalingRules ScaleUp(JsonNode? behavior) => From(behavior?["scaleUp"], 0,
        [new ScalingPolicy("Pods", 4, 15), new ScalingPolicy("Percent", 100, 15)]);

    public static ScalingRules ScaleDown(JsonNode? behavior) => From(behavior?["scaleDown"], DefaultScaleDownWindowSeconds,
        [new ScalingPolicy("Percent", 100, 15)]);

    private static ScalingRules From(JsonNode? rules, long defaultWindow, IReadOnlyList<ScalingPolicy> defaultPolicies)
    {
        var policies = (rules?["policies"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => new ScalingPolicy(p.Str("type") ?? "Pods", p.Long("value") ?? 0, p.Long("periodSeconds") ?? 15)).ToList();
        return new ScalingRules(rules.Long("stabilizationWindowSeconds") ?? defaultWindow, rules.Str("selectPolicy") ?? "Max",
            policies is { Count: > 0 } ? policies : defaultPolicies);
    }

    public long LongestPeriodSeconds => Policies.Count == 0 ? 0 : Policies.Max(p => p.PeriodSeconds);
}
