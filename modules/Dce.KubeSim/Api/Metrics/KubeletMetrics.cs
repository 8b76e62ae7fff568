using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Pods;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>A kubelet's own <c>/metrics</c>: its node's name and the pods and containers it runs.</summary>
public static class KubeletMetrics
{
    public static ExpositionWriter Write(SimulatedCluster sim, StoredObject node)
    {
        var pods = sim.Store.List(sim.Type("", "pods").StorageKey, null, p => p.NodeName == node.Name).Items;
        var statuses = pods.SelectMany(p => p.Parse().At("status.containerStatuses") as JsonArray ?? []).OfType<JsonObject>().ToList();

        var metrics = new ExpositionWriter();
        metrics.Gauge("kubelet_node_name", "[ALPHA] The node's name. The count is always 1.").Sample(1, ("node", node.Name));
        metrics.Gauge("kubelet_running_containers", "[ALPHA] Number of containers currently running")
            .Sample(statuses.Count(ContainerStatuses.IsTerminated), ("container_state", "exited"))
            .Sample(statuses.Count(ContainerStatuses.IsRunning), ("container_state", "running"));
        metrics.Gauge("kubelet_running_pods", "[ALPHA] Number of pods that have a running pod sandbox")
            .Sample(pods.Count(p => p.Phase == "Running"));
        return metrics;
    }
}
