using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>What one node has left for new pods, taken at the start of a scheduling pass.</summary>
public sealed class NodeCapacity
{
    public required string Name { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public JsonArray? Taints { get; init; }
    public bool Schedulable { get; init; }
    public bool Ready { get; init; }
    /// <summary>Cordoned (<c>spec.unschedulable</c>) or being deleted.</summary>
    public bool Cordoned { get; init; }
    public long CpuLeft { get; private set; }
    public long MemoryLeft { get; private set; }
    public long PodsLeft { get; private set; }
    public long CpuTotal { get; init; }

    public double Load => CpuTotal == 0 ? 1 : 1 - ((double)CpuLeft / CpuTotal) + (1.0 / (PodsLeft + 1));

    public void Take(long cpu, long memory)
    {
        CpuLeft -= cpu;
        MemoryLeft -= memory;
        PodsLeft--;
    }

    public static List<NodeCapacity> Snapshot(SimulatedCluster cluster)
    {
        var pods = cluster.Store.List(cluster.Type("", "pods").StorageKey, null, p => p.NodeName is not null && p.Phase is "Pending" or "Running").Items;
        var used = new Dictionary<string, (long Cpu, long Memory, long Count)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var (cpu, memory) = (pod.CpuRequestMillis, pod.MemoryRequestBytes);
            var current = used.GetValueOrDefault(pod.NodeName!);
            used[pod.NodeName!] = (current.Cpu + cpu, current.Memory + memory, current.Count + 1);
        }
        return cluster.Store.List(cluster.Type("", "nodes").StorageKey, null).Items.Select(node =>
        {
            var obj = node.Parse();
            var allocatable = obj.At("status.allocatable");
            var cpuTotal = Quantity.MilliCpu(allocatable.Str("cpu"));
            var use = used.GetValueOrDefault(node.Name);
            return new NodeCapacity
            {
                Name = node.Name,
                Labels = node.Labels,
                Taints = obj.At("spec.taints") as JsonArray,
                Schedulable = node.Ready && obj.At("spec.unschedulable")?.GetValue<bool>() != true && !node.Deleting,
                Ready = node.Ready,
                Cordoned = obj.At("spec.unschedulable")?.GetValue<bool>() == true || node.Deleting,
                CpuTotal = cpuTotal,
                CpuLeft = cpuTotal - use.Cpu,
                MemoryLeft = Quantity.Bytes(allocatable.Str("memory")) - use.Memory,
                PodsLeft = long.TryParse(allocatable.Str("pods"), out var max) ? max - use.Count : 110 - use.Count,
            };
        }).ToList();
    }
}
