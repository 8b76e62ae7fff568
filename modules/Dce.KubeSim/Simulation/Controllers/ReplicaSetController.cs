using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Keeps each ReplicaSet's pod count at spec.replicas and reports ready and available replicas. A pod the API
/// refuses (a quota) is reported as Kubernetes does: a FailedCreate event and a ReplicaFailure condition.
/// </summary>
public sealed class ReplicaSetController : IController
{
    private const string Component = "replicaset-controller";

    private readonly CreateBackoff backoff = new();

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("apps", "replicasets");
        var podType = cluster.Type("", "pods");
        var sets = cluster.Store.List(type.StorageKey, null).Items;
        foreach (var rs in sets)
        {
            var pods = cluster.Store.OwnedBy(podType.StorageKey, rs.Uid).ToList();
            var live = pods.Where(p => !p.Deleting).ToList();
            var obj = rs.Parse();
            var desired = rs.Deleting ? 0 : WorkloadMath.Replicas(obj);
            var tried = true;
            string? refusal = null;
            if (live.Count < desired)
            {
                tried = backoff.MayCreate(cluster, rs, now);
                refusal = tried ? CreateMissing(cluster, type, rs, obj, live, (int)desired, now) : null;
            }
            else
            {
                backoff.Succeeded(rs);
                if (live.Count > desired)
                {
                    DeleteExtra(cluster, type, podType, rs, live, (int)desired);
                }
            }
            UpdateStatus(cluster, type, rs, obj, live, tried, refusal, now);
        }
        backoff.KeepOnly(sets);
    }

    /// <summary>Creates pods until the count is reached or the API refuses one, as the controller's batches stop at the first error.</summary>
    private string? CreateMissing(SimulatedCluster cluster, ResourceType type, StoredObject rs, JsonObject obj, List<StoredObject> live, int desired, DateTime now)
    {
        var template = obj.At("spec.template") as JsonObject ?? [];
        while (live.Count < desired)
        {
            var creation = PodFactory.Create(cluster, type, rs, template, $"{rs.Name}-{PodFactory.RandomSuffix()}");
            if (creation.Pod is not { } pod)
            {
                var message = creation.Error?.Message ?? "unknown error";
                EventRecorder.Record(cluster, type, rs, "FailedCreate", $"Error creating: {message}", Component, warning: true);
                backoff.Failed(cluster, rs, now);
                return message;
            }
            live.Add(pod);
            EventRecorder.Record(cluster, type, rs, "SuccessfulCreate", $"Created pod: {pod.Name}", Component);
        }
        backoff.Succeeded(rs);
        return null;
    }

    private static void DeleteExtra(SimulatedCluster cluster, ResourceType type, ResourceType podType, StoredObject rs, List<StoredObject> live, int desired)
    {
        var victims = live.OrderBy(p => p.NodeName is null ? 0 : 1).ThenBy(p => p.Phase == "Running" ? 1 : 0)
            .ThenByDescending(p => p.ResourceVersion).Take(live.Count - desired).ToList();
        foreach (var victim in victims)
        {
            try
            {
                cluster.Objects.Delete(podType, victim.Namespace, victim.Name);
            }
            catch (ApiException)
            {
                // Someone else deleted it first.
            }
            live.Remove(victim);
            EventRecorder.Record(cluster, type, rs, "SuccessfulDelete", $"Deleted pod: {victim.Name}", Component);
        }
    }

    private static void UpdateStatus(SimulatedCluster cluster, ResourceType type, StoredObject rs, JsonObject obj, List<StoredObject> live,
        bool tried, string? refusal, DateTime now)
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
        var existing = (obj.At("status.conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "ReplicaFailure");
        // A pass that did not try keeps the condition; a refusal sets it once, as the controller does; success clears it.
        var condition = !tried || refusal is not null ? existing?.DeepClone() : null;
        if (condition is null && refusal is not null)
        {
            condition = new JsonObject
            {
                ["type"] = "ReplicaFailure",
                ["status"] = "True",
                ["lastTransitionTime"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["reason"] = "FailedCreate",
                ["message"] = refusal,
            };
        }
        if (condition is not null)
        {
            status["conditions"] = new JsonArray(condition);
        }
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
