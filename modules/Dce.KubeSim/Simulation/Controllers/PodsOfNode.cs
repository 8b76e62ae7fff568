using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>The node lifecycle controller's <c>MarkPodsNotReady</c>: a node that stops reporting takes its pods' readiness with it.</summary>
public static class PodsOfNode
{
    public static void MarkNotReady(SimulatedCluster cluster, string nodeName)
    {
        var podType = cluster.Type("", "pods");
        var stamp = Json.Now();
        foreach (var pod in cluster.Store.List(podType.StorageKey, null, p => p.NodeName == nodeName && p.Ready && !p.Deleting).Items)
        {
            var marked = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name,
                obj => WorkloadMath.SetCondition(obj.Obj("status"), "Ready", "False", "", "", stamp, ConditionClock.NoProbe), "status");
            if (marked is not null)
            {
                EventRecorder.Record(cluster, podType, marked, "NodeNotReady", "Node is not ready", "node-controller", warning: true);
            }
        }
    }
}
