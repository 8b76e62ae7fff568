using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// The taint eviction controller: a pod on a node with a NoExecute taint it does not tolerate is deleted at once; one
/// that tolerates it for <c>tolerationSeconds</c> is deleted that long after the taint was added. The owning controller
/// then replaces it on another node.
/// </summary>
public sealed class TaintEvictionController : IController
{
    private readonly Dictionary<string, DateTime> taintSeen = new(StringComparer.Ordinal);

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var podType = cluster.Type("", "pods");
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in cluster.Store.List(cluster.Type("", "nodes").StorageKey, null).Items)
        {
            var taints = (node.Parse().At("spec.taints") as JsonArray ?? []).OfType<JsonObject>().Where(t => t.Str("effect") == "NoExecute").ToList();
            if (taints.Count == 0)
            {
                continue;
            }
            foreach (var taint in taints)
            {
                var key = $"{node.Name}|{taint.Str("key")}";
                tainted.Add(key);
                taintSeen.TryAdd(key, now);
            }
            foreach (var pod in cluster.Store.List(podType.StorageKey, null, p => p.NodeName == node.Name && !p.Deleting && p.Phase is not ("Succeeded" or "Failed")).Items)
            {
                if (EvictionDue(pod.Parse(), taints, t => taintSeen[$"{node.Name}|{t.Str("key")}"]) is { } due && due <= now)
                {
                    Evict(cluster, podType, pod);
                }
            }
        }
        foreach (var gone in taintSeen.Keys.Where(k => !tainted.Contains(k)).ToList())
        {
            taintSeen.Remove(gone);
        }
    }

    /// <summary>When the pod must go: at once for a taint it does not tolerate, else after the shortest tolerationSeconds; null when it tolerates them all for good.</summary>
    private static DateTime? EvictionDue(JsonObject pod, List<JsonObject> taints, Func<JsonObject, DateTime> added)
    {
        var tolerations = (pod.At("spec.tolerations") as JsonArray ?? []).OfType<JsonObject>().ToList();
        DateTime? due = null;
        foreach (var taint in taints)
        {
            var matching = tolerations.Where(t => SchedulingRules.Tolerates(t, taint)).ToList();
            if (matching.Count == 0)
            {
                return DateTime.MinValue;
            }
            if (matching.Any(t => t["tolerationSeconds"] is null))
            {
                continue;
            }
            var seconds = matching.Min(t => t.Long("tolerationSeconds") ?? 0);
            var at = added(taint) + TimeSpan.FromSeconds(Math.Max(0, seconds));
            due = due is null || at < due ? at : due;
        }
        return due;
    }

    private static void Evict(SimulatedCluster cluster, ResourceType podType, StoredObject pod)
    {
        var stamp = Json.Now();
        var marked = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
            WorkloadMath.SetCondition(obj.Obj("status"), "DisruptionTarget", "True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", stamp, ConditionClock.NoProbe), "status");
        if (marked is null)
        {
            return;
        }
        EventRecorder.Record(cluster, podType, marked, "TaintManagerEviction", $"Marking for deletion Pod {pod.Namespace}/{pod.Name}", "taint-eviction-controller");
        try
        {
            cluster.Objects.Delete(podType, pod.Namespace, pod.Name);
        }
        catch (ApiException)
        {
            // Deleted meanwhile.
        }
    }
}
