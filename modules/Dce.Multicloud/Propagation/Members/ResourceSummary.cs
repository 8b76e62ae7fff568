using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>A member's allocatable and allocated cpu, memory and pods (Karmada's <c>status.resourceSummary</c>).</summary>
public sealed record ResourceSummary(decimal AllocatableCpu, decimal AllocatableMemory, decimal AllocatablePods, decimal AllocatedCpu, decimal AllocatedMemory, decimal AllocatedPods)
{
    /// <summary>Sums the Ready nodes' allocatable and the requests of the pods bound to them that have not finished.</summary>
    public static ResourceSummary From(IEnumerable<JsonObject> nodes, IEnumerable<JsonObject> pods)
    {
        var ready = nodes.Where(node => Conditions.IsTrue(node["status"] as JsonObject, "Ready") && node["spec"]?["unschedulable"]?.GetValue<bool>() != true).ToList();
        var readyNames = ready.Select(node => node.Name()).ToHashSet(StringComparer.Ordinal);
        var running = pods.Where(pod => pod["spec"]?["nodeName"]?.GetValue<string>() is { } node && readyNames.Contains(node)
            && pod["status"]?["phase"]?.GetValue<string>() is not ("Succeeded" or "Failed")).ToList();
        decimal Allocatable(string resource) => ready.Sum(node => Parse(node["status"]?["allocatable"]?[resource]));
        decimal Requested(string resource) => running.Sum(pod => (pod["spec"]?["containers"] as JsonArray ?? []).Sum(container => Parse(container?["resources"]?["requests"]?[resource])));
        return new ResourceSummary(Allocatable("cpu"), Allocatable("memory"), Allocatable("pods"), Requested("cpu"), Requested("memory"), running.Count);
    }

    /// <summary>How many more replicas with the given per-replica requests fit: by cpu and memory when requested, by pod count otherwise.</summary>
    public int AvailableReplicas(decimal cpuPerReplica, decimal memoryPerReplica)
    {
        if (cpuPerReplica <= 0 && memoryPerReplica <= 0)
        {
            return Fit(AllocatablePods - AllocatedPods, 1);
        }

        var byCpu = cpuPerReplica > 0 ? Fit(AllocatableCpu - AllocatedCpu, cpuPerReplica) : int.MaxValue;
        var byMemory = memoryPerReplica > 0 ? Fit(AllocatableMemory - AllocatedMemory, memoryPerReplica) : int.MaxValue;
        return Math.Min(byCpu, byMemory);
    }

    public JsonObject ToJson() => new()
    {
        ["allocatable"] = new JsonObject { ["cpu"] = Format(AllocatableCpu), ["memory"] = Format(AllocatableMemory), ["pods"] = Format(AllocatablePods) },
        ["allocated"] = new JsonObject { ["cpu"] = Format(AllocatedCpu), ["memory"] = Format(AllocatedMemory), ["pods"] = Format(AllocatedPods) },
    };

    /// <summary>The summary a Cluster's status holds, null when it has none yet.</summary>
    public static ResourceSummary? FromStatus(JsonObject? status)
    {
        if (status?["resourceSummary"] is not JsonObject summary)
        {
            return null;
        }

        decimal Read(string part, string resource) => Parse(summary[part]?[resource]);
        return new ResourceSummary(Read("allocatable", "cpu"), Read("allocatable", "memory"), Read("allocatable", "pods"),
            Read("allocated", "cpu"), Read("allocated", "memory"), Read("allocated", "pods"));
    }

    public static decimal Parse(JsonNode? node) =>
        node is JsonValue value && Quantity.TryParse(value.ToString(), out var quantity) ? quantity.Value : 0;

    private static int Fit(decimal free, decimal perReplica) => free <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / perReplica));

    // Millicores keep fractional cpu exact; memory and pods are whole numbers.
    private static string Format(decimal value) =>
        decimal.Truncate(value) == value ? decimal.Truncate(value).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (decimal.Truncate(value * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";
}
