using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Binds pending pods to nodes: Ready and schedulable nodes whose labels, affinity and taints the pod accepts and
/// whose allocatable CPU, memory and pod count fit its requests; the least loaded node wins.
/// </summary>
public sealed class Scheduler : IController
{
    private readonly HashSet<string> reportedUnschedulable = new(StringComparer.Ordinal);

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var podType = cluster.Type("", "pods");
        var pending = cluster.Store.Unsettled(podType.StorageKey).Where(p => p.NodeName is null && !p.Deleting && p.Phase == "Pending")
            .OrderBy(p => p.ResourceVersion).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        var nodes = NodeCapacity.Snapshot(cluster);
        var stamp = Json.Now();
        foreach (var pod in pending)
        {
            var spec = pod.Parse()["spec"] as JsonObject ?? [];
            var (cpu, memory) = (pod.CpuRequestMillis, pod.MemoryRequestBytes);
            var candidates = nodes.Where(n => n.Schedulable && n.PodsLeft > 0 && n.CpuLeft >= cpu && n.MemoryLeft >= memory
                && SchedulingRules.MatchesNodeSelector(spec, n.Labels)
                && SchedulingRules.MatchesRequiredAffinity(spec, n.Labels)
                && SchedulingRules.ToleratesTaints(spec, n.Taints)).ToList();
            if (candidates.Count == 0)
            {
                ReportUnschedulable(cluster, podType, pod, nodes.Count, stamp);
                continue;
            }
            var best = candidates.MinBy(n => n.Load)!;
            var bound = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
            {
                if (obj.At("spec.nodeName") is not null)
                {
                    return false;
                }
                obj.Obj("spec")["nodeName"] = best.Name;
                WorkloadMath.SetCondition(obj.Obj("status"), "PodScheduled", "True", "Scheduled", "", stamp);
                return true;
            }, ObjectService.WholeObject);
            if (bound is not null)
            {
                best.Take(cpu, memory);
                reportedUnschedulable.Remove(pod.Uid);
                EventRecorder.Record(cluster, podType, bound, "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {best.Name}", "default-scheduler");
            }
        }
    }

    private void ReportUnschedulable(SimulatedCluster cluster, ResourceType podType, StoredObject pod, int nodeCount, string stamp)
    {
        if (!reportedUnschedulable.Add(pod.Uid))
        {
            return;
        }
        var message = $"0/{nodeCount} nodes are available: no node matches the pod's requirements (resources, node selector, affinity, taints or cordon).";
        cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
            WorkloadMath.SetCondition(obj.Obj("status"), "PodScheduled", "False", "Unschedulable", message, stamp), "status");
        EventRecorder.Record(cluster, podType, pod, "FailedScheduling", message, "default-scheduler", warning: true);
    }
}
