using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery.Quota;

/// <summary>What a pod counts against a quota, and which compute resources a quota makes every container state.</summary>
public static class PodUsage
{
    private static readonly string[] ComputeResources = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>The resources that, when a quota limits them, each container must request or limit explicitly.</summary>
    private static readonly HashSet<string> MustSpecify = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
    };

    /// <summary>Pods that have finished or are going away no longer hold quota.</summary>
    public static bool Counts(StoredObject pod) => pod.Phase is not ("Succeeded" or "Failed") && !pod.Deleting;

    /// <summary>
    /// A pod's usage: one pod, plus container requests and limits summed, where an init container that asks for
    /// more than all regular containers together sets the figure (it runs alone).
    /// </summary>
    public static Dictionary<string, Quantity> Of(JsonObject pod)
    {
        var usage = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["pods"] = Quantity.Count(1),
            ["count/pods"] = Quantity.Count(1),
        };
        foreach (var container in Containers(pod, "containers"))
        {
            Add(usage, OfContainer(container));
        }
        foreach (var init in Containers(pod, "initContainers"))
        {
            foreach (var (name, amount) in OfContainer(init))
            {
                usage[name] = Quantity.Max(usage.GetValueOrDefault(name), amount);
            }
        }
        return usage;
    }

    /// <summary>The real API server's refusal text when containers leave out what a quota limits, or null.</summary>
    public static string? MissingSpecifications(JsonObject pod, IEnumerable<string> quotaResources)
    {
        var required = quotaResources.Where(MustSpecify.Contains).ToHashSet(StringComparer.Ordinal);
        if (required.Count == 0)
        {
            return null;
        }
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var container in Containers(pod, "containers").Concat(Containers(pod, "initContainers")))
        {
            var stated = OfContainer(container).Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var resource in required.Where(r => !stated.Contains(r)))
            {
                if (!missing.TryGetValue(resource, out var names))
                {
                    names = new SortedSet<string>(StringComparer.Ordinal);
                    missing[resource] = names;
                }
                names.Add(container.Str("name") ?? "");
            }
        }
        return missing.Count == 0 ? null
            : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(",", m.Value)}"));
    }

    private static Dictionary<string, Quantity> OfContainer(JsonObject container)
    {
        var result = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var requests = container.At("resources.requests");
        var limits = container.At("resources.limits");
        foreach (var resource in ComputeResources)
        {
            if (QuantityText(requests, resource) is { } request)
            {
                result[resource] = Quantity.Parse(request);
                result["requests." + resource] = Quantity.Parse(request);
            }
            if (QuantityText(limits, resource) is { } limit)
            {
                result["limits." + resource] = Quantity.Parse(limit);
            }
        }
        return result;
    }

    /// <summary>A quantity as written; YAML turns <c>cpu: 1</c> into a JSON number.</summary>
    public static string? QuantityText(JsonNode? map, string name) => map is JsonObject o && o[name] is JsonValue v ? v.ToString() : null;

    private static IEnumerable<JsonObject> Containers(JsonObject pod, string field) =>
        (pod.At("spec." + field) as JsonArray ?? []).OfType<JsonObject>();

    private static void Add(Dictionary<string, Quantity> total, Dictionary<string, Quantity> more)
    {
        foreach (var (name, amount) in more)
        {
            total[name] = total.GetValueOrDefault(name) + amount;
        }
    }
}
