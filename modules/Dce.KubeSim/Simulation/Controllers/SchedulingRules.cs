using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>The scheduler's filters: node selector, required node affinity, taints and tolerations.</summary>
public static class SchedulingRules
{
    public static bool MatchesNodeSelector(JsonObject podSpec, IReadOnlyDictionary<string, string> nodeLabels) =>
        podSpec["nodeSelector"].StringMap().All(kv => nodeLabels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public static bool MatchesRequiredAffinity(JsonObject podSpec, IReadOnlyDictionary<string, string> nodeLabels)
    {
        var terms = podSpec.At("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms") as JsonArray;
        if (terms is null || terms.Count == 0)
        {
            return true;
        }
        return terms.OfType<JsonObject>().Any(term =>
            (term["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e => Matches(e, nodeLabels)));
    }

    private static bool Matches(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var key = expression.Str("key") ?? "";
        var values = (expression["values"] as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
        var has = labels.TryGetValue(key, out var value);
        return expression.Str("operator") switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && long.TryParse(value, out var gt) && values.Count > 0 && long.TryParse(values[0], out var g) && gt > g,
            "Lt" => has && long.TryParse(value, out var lt) && values.Count > 0 && long.TryParse(values[0], out var l) && lt < l,
            _ => false,
        };
    }

    public static bool ToleratesTaints(JsonObject podSpec, JsonArray? taints) => UntoleratedTaint(podSpec, taints) is null;

    /// <summary>The first NoSchedule or NoExecute taint the pod does not tolerate, as the TaintToleration filter reports it.</summary>
    public static JsonObject? UntoleratedTaint(JsonObject podSpec, JsonArray? taints)
    {
        var tolerations = podSpec["tolerations"] as JsonArray ?? [];
        return (taints ?? []).OfType<JsonObject>()
            .Where(t => t.Str("effect") is "NoSchedule" or "NoExecute")
            .FirstOrDefault(taint => !tolerations.OfType<JsonObject>().Any(toleration => Tolerates(toleration, taint)));
    }

    /// <summary>Whether node labels satisfy a list of node selector terms (any term, every expression).</summary>
    public static bool MatchesTerms(JsonArray? terms, IReadOnlyDictionary<string, string> nodeLabels) =>
        terms is null || terms.Count == 0 || terms.OfType<JsonObject>().Any(term =>
            (term["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e => Matches(e, nodeLabels)));

    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        var effect = toleration.Str("effect");
        if (!string.IsNullOrEmpty(effect) && effect != taint.Str("effect"))
        {
            return false;
        }
        var key = toleration.Str("key");
        if (toleration.Str("operator") == "Exists")
        {
            return string.IsNullOrEmpty(key) || key == taint.Str("key");
        }
        return key == taint.Str("key") && (toleration.Str("value") ?? "") == (taint.Str("value") ?? "");
    }

    public static (long MilliCpu, long Memory) Requests(JsonObject podSpec)
    {
        long cpu = 0;
        long memory = 0;
        foreach (var container in podSpec["containers"] as JsonArray ?? [])
        {
            var requests = container.At("resources.requests");
            cpu += Quantity.MilliCpu(requests.Str("cpu"));
            memory += Quantity.Bytes(requests.Str("memory"));
        }
        return (cpu, memory);
    }
}
