using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>Keeps each ReplicaSet's pod count at spec.replicas and reports ready and available replicas.</summary>
public sealed class ReplicaSetController : IController
{
    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("apps", "replicasets");
        var podType = cluster.Type("", "pods");
        foreach (var rs in cluster.Store.List(type.StorageKey, null).Items)
        {
            var pods = cluster.Store.OwnedBy(podType.StorageKey, rs.Uid).ToList();
            var live = pods.Where(p => !p.Deleting).ToList();
            var obj = rs.Parse();
            var desired = rs.Deleting ? 0 : WorkloadMath.Replicas(obj);
            if (live.Count < desired)
            {
                var template = obj.At("spec.template") as JsonObject ?? [];
                for (var i = live.Count; i < desired; i++)
                {
                    if (PodFactory.Create(cluster, type, rs, template, $"{rs.Name}-{PodFactory.RandomSuffix()}") is { } pod)
                    {
                        live.Add(pod);
                        pods.Add(pod);
                        EventRecorder.Record(cluster, type, rs, "SuccessfulCreate", $"Created pod: {pod.Name}", "replicaset-controller");
                    }
                }
            }
            else if (live.Count > desired)
            {
                var victims = live.OrderBy(p => p.NodeName is null ? 0 : 1).ThenBy(p => p.Phase == "Running" ? 1 : 0)
                    .ThenByDescending(p => p.ResourceVersion).Take(live.Count - (int)desired).ToList();
                foreach (var victim in victims)
                {
                    Delete(cluster, podType, victim);
                    live.Remove(victim);
                    EventRecorder.Record(cluster, type, rs, "SuccessfulDelete", $"Deleted pod: {victim.Name}", "replicaset-controller");
                }
            }
            UpdateStatus(cluster, type, rs, obj, live);
        }
    }

    private static void Delete(SimulatedCluster cluster, ResourceType podType, StoredObject pod)
    {
        try
        {
            cluster.Objects.Delete(podType, pod.Namespace, pod.Name);
        }
        catch (ApiException)
        {
            // Someone else deleted it first.
        }
    }

    private static void UpdateStatus(SimulatedCluster cluster, ResourceType type, StoredObject rs, JsonObject obj, List<StoredObject> live)
    {
        var ready = live.Count(PodState.IsReady);
        var status = new JsonObject
        {
            ["replicas"] = live.Count,
            ["fullyLabeledReplicas"] = live.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = obj.At("metadata").Long("generation") ?? 1,
        };
        if (JsonNode.DeepEquals(status, obj["status"]))
        {
            return;
        }
        cluster.Objects.Mutate(type, rs.Namespace, rs.Name, latest => { latest["status"] = status; return true; }, "status");
    }
}

/// <summary>Pod facts the controllers share.</summary>
public static class PodState
{
    public static bool IsReady(StoredObject pod) => pod.Phase == "Running" && pod.Ready && !pod.Deleting;
}
