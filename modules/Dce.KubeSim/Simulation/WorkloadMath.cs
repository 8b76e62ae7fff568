using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>Shared arithmetic of workload controllers: template hashes, int-or-percent values, resource quantities.</summary>
public static class WorkloadMath
{
    /// <summary>
    /// A pod template reduced to what makes it different: without nulls, empty maps and lists, the creation
    /// timestamp clients add, and the hash labels controllers add, so a template read back from a ReplicaSet
    /// (as <c>kubectl rollout undo</c> does) matches the one it came from.
    /// </summary>
    public static JsonNode? Normalize(JsonNode? template)
    {
        var copy = template?.DeepClone();
        if (copy?["metadata"] is JsonObject metadata)
        {
            metadata.Remove("creationTimestamp");
            if (metadata["labels"] is JsonObject labels)
            {
                labels.Remove("pod-template-hash");
                labels.Remove("controller-revision-hash");
            }
        }
        return Prune(copy);
    }

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var pruned = Prune(value);
                    if (pruned is null)
                    {
                        obj.Remove(key);
                    }
                }
                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i]);
                }
                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }

    public static string TemplateHash(JsonNode? template)
    {
        var text = Normalize(template)?.ToJsonString() ?? "";
        ulong hash = 14695981039346656037;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(hash % (ulong)alphabet.Length)];
            hash /= (ulong)alphabet.Length;
        }
        return new string(chars);
    }

    public static int IntOrPercent(JsonNode? value, int total, bool roundUp, int fallback)
    {
        if (value is not JsonValue v)
        {
            return fallback;
        }
        if (v.TryGetValue<int>(out var number))
        {
            return number;
        }
        var text = v.ToString();
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            var exact = total * percent / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
    }

    public static long Replicas(JsonObject obj) => obj.At("spec").Long("replicas") ?? 1;

    public static JsonObject OwnerReference(ResourceType type, StoredObject owner) => new()
    {
        ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind, ["name"] = owner.Name, ["uid"] = owner.Uid,
        ["controller"] = true, ["blockOwnerDeletion"] = true,
    };

    /// <summary>
    /// Sets a condition, keeping its transition time when the status did not change; true if anything changed.
    /// The second timestamp is the kind's own: Deployments keep <c>lastUpdateTime</c>, Jobs <c>lastProbeTime</c>,
    /// pods an empty <c>lastProbeTime</c>; a field the kind's schema lacks would fail strict decoding on the next apply.
    /// </summary>
    public static bool SetCondition(JsonObject status, string type, string value, string reason, string message, string now,
        ConditionClock clock = ConditionClock.LastUpdateTime)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (existing is not null && existing.Str("status") == value && existing.Str("reason") == reason && existing.Str("message") == message)
        {
            return false;
        }
        var transition = existing is not null && existing.Str("status") == value ? existing.Str("lastTransitionTime") : now;
        var condition = new JsonObject { ["type"] = type, ["status"] = value };
        switch (clock)
        {
            case ConditionClock.LastUpdateTime:
                condition["lastUpdateTime"] = now;
                break;
            case ConditionClock.LastProbeTime:
                condition["lastProbeTime"] = now;
                break;
            case ConditionClock.NoProbe:
                condition["lastProbeTime"] = null;
                break;
        }
        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        if (existing is not null)
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
        else
        {
            conditions.Add(condition);
        }
        return true;
    }
}
