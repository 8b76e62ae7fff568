using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Storage;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Binds pending pods to nodes: Ready and schedulable nodes whose labels, affinity and taints the pod accepts,
/// whose allocatable CPU, memory and pod count fit its requests, and whose volumes it can use; the least loaded
/// node wins. A pod that fits nowhere gets kube-scheduler's FailedScheduling wording, counted per reason.
/// </summary>
public sealed class Scheduler : IController
{
    private readonly Dictionary<string, string> reportedUnschedulable = new(StringComparer.Ordinal);

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var podType = cluster.Type("", "pods");
        var pending = cluster.Store.Unsettled(podType.StorageKey).Where(p => p.NodeName is null && !p.Deleting && p.Phase == "Pending")
            .OrderBy(p => p.ResourceVersion).ToList();
        if (pending.Count == 0)
        {
            if (reportedUnschedulable.Count > 0)
            {
                reportedUnschedulable.Clear();
            }
            return;
        }
        var nodes = NodeCapacity.Snapshot(cluster);
        var stamp = Json.Now();
        foreach (var pod in pending)
        {
            var spec = pod.Parse()["spec"] as JsonObject ?? [];
            var (cpu, memory) = (pod.CpuRequestMillis, pod.MemoryRequestBytes);
            var volumes = PodVolumes.Of(cluster, pod.Namespace, spec);
            if (volumes.PreFilterFailure is { } failure)
            {
                ReportUnschedulable(cluster, podType, pod, FitError.Message(nodes.Count, failure, []), stamp);
                continue;
            }
            if (volumes.AwaitingBinding && volumes.WaitingForNode.Count == 0)
            {
                continue;
            }
            var verdicts = nodes.Select(n => (Node: n, Verdict: NodeFilters.Check(n, spec, cpu, memory, volumes))).ToList();
            var candidates = verdicts.Where(v => v.Verdict.Fit).Select(v => v.Node).ToList();
            if (candidates.Count == 0)
            {
                var message = nodes.Count == 0 ? "no nodes available to schedule pods" : FitError.Message(nodes.Count, null, verdicts.Select(v => v.Verdict).ToList());
                ReportUnschedulable(cluster, podType, pod, message, stamp);
                continue;
            }
            var best = candidates.MinBy(n => n.Load)!;
            if (volumes.WaitingForNode.Count > 0)
            {
                volumes.SelectNode(cluster, best.Name);
                continue;
            }
            var bound = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
            {
                if (obj.At("spec.nodeName") is not null)
                {
                    return false;
                }
                obj.Obj("spec")["nodeName"] = best.Name;
                WorkloadMath.SetCondition(obj.Obj("status"), "PodScheduled", "True", "", "", stamp, ConditionClock.NoProbe);
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

    private void ReportUnschedulable(SimulatedCluster cluster, ResourceType podType, StoredObject pod, string message, string stamp)
    {
        if (reportedUnschedulable.TryGetValue(pod.Uid, out var reported) && reported == message)
        {
            return;
        }
        reportedUnschedulable[pod.Uid] = message;
        cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
            WorkloadMath.SetCondition(obj.Obj("status"), "PodScheduled", "False", "Unschedulable", message, stamp, ConditionClock.NoProbe), "status");
        EventRecorder.Record(cluster, podType, pod, "FailedScheduling", message, "default-scheduler", warning: true);
    }
}
