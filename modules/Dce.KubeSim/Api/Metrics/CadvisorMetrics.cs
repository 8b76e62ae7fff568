using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Controllers;
using Dce.KubeSim.Simulation.Pods;
using Dce.KubeSim.Simulation.Usage;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// A kubelet's <c>/metrics/cadvisor</c>: the CPU seconds and working set of each running container on the node, from the
/// usage model, and the machine's cores and memory from the node's capacity.
/// </summary>
public static class CadvisorMetrics
{
    public static ExpositionWriter Write(SimulatedCluster sim, StoredObject node, DateTime now)
    {
        var usage = UsageModel.Of(sim);
        sim.CpuTime.KeepOnly(usage.RunningPods.Select(p => p.Uid).ToHashSet(StringComparer.Ordinal));
        var containers = new List<(string Namespace, string Pod, string Container, string Image, double CpuSeconds, long MemoryBytes)>();
        foreach (var pod in usage.RunningPods.Where(p => p.NodeName == node.Name).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var obj = pod.Parse();
            var images = (obj.At("spec.containers") as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(c => c.Str("name") ?? "", c => c.Str("image") ?? "", StringComparer.Ordinal);
            var statuses = Kubelet.Statuses(obj.At("status.containerStatuses"));
            foreach (var container in usage.Pod(pod)?.Containers ?? [])
            {
                // Only a running container has a cgroup for cAdvisor to read.
                if (!statuses.TryGetValue(container.Name, out var status) || !ContainerStatuses.IsRunning(status))
                {
                    continue;
                }
                var startedAt = ContainerStatuses.Instant(status.At("state.running").Str("startedAt")) ?? now;
                var cpuSeconds = sim.CpuTime.Read(pod.Uid, container.Name, startedAt, container.CpuMillis, now);
                containers.Add((pod.Namespace, pod.Name, container.Name, images.GetValueOrDefault(container.Name, ""), cpuSeconds, container.MemoryBytes));
            }
        }

        var metrics = new ExpositionWriter();
        metrics.Counter("container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds.");
        foreach (var c in containers)
        {
            metrics.Sample(c.CpuSeconds, ("container", c.Container), ("image", c.Image), ("namespace", c.Namespace), ("node", node.Name), ("pod", c.Pod));
        }
        metrics.Gauge("container_memory_working_set_bytes", "Current working set in bytes.");
        foreach (var c in containers)
        {
            metrics.Sample(c.MemoryBytes, ("container", c.Container), ("image", c.Image), ("namespace", c.Namespace), ("node", node.Name), ("pod", c.Pod));
        }

        var nodeObj = node.Parse();
        var info = nodeObj.At("status.nodeInfo");
        (string, string)[] machine =
        [
            ("boot_id", info.Str("bootID") ?? ""), ("machine_id", info.Str("machineID") ?? ""), ("node", node.Name),
            ("system_uuid", info.Str("systemUUID") ?? ""),
        ];
        metrics.Gauge("machine_cpu_cores", "Number of logical CPU cores.")
            .Sample((double)Quantity.Parse(nodeObj.StrAt("status.capacity.cpu")).Value, machine);
        metrics.Gauge("machine_memory_bytes", "Amount of memory installed on the machine.")
            .Sample((double)Quantity.Parse(nodeObj.StrAt("status.capacity.memory")).Value, machine);
        return metrics;
    }
}
