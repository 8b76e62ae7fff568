using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>A <c>metav1.LabelSelector</c> object (matchLabels and matchExpressions) applied to labels, and its string form.</summary>
public static class SelectorObject
{
    /// <summary>Whether the selector picks the labels; an empty selector picks everything, a missing one nothing.</summary>
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject obj)
        {
            return false;
        }
        foreach (var (key, value) in obj["matchLabels"].StringMap())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        return (obj["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e => Requirement(e, labels));
    }

    /// <summary>The selector as <c>kubectl</c> and scale subresources print it: <c>app=web,tier in (a,b)</c>.</summary>
    public static string Format(JsonNode? selector)
    {
        var parts = selector?["matchLabels"].StringMap().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}").ToList() ?? [];
        foreach (var e in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = e.Str("key");
            var values = string.Join(",", (e["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            parts.Add(e.Str("operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key ?? "",
                _ => $"!{key}",
            });
        }
        return string.Join(",", parts);
    }

    private static bool Requirement(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var key = expression.Str("key") ?? "";
        var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        var has = labels.TryGetValue(key, out var actual);
        return expression.Str("operator") switch
        {
            "In" => has && values.Contains(actual!),
            "NotIn" => !has || !values.Contains(actual!),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }
}
