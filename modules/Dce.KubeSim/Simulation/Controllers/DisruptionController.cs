using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Disruption;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Keeps each PodDisruptionBudget's status current: expected, desired and current healthy pods, the disruptions it
/// allows, the evictions not yet confirmed, and the <c>DisruptionAllowed</c> condition (SufficientPods or InsufficientPods).
/// </summary>
public sealed class DisruptionController : IController
{
    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("policy", "poddisruptionbudgets");
        if (cluster.Store.Count(type.StorageKey) == 0)
        {
            return;
        }
        foreach (var pdb in cluster.Store.List(type.StorageKey, null).Items.Where(p => !p.Deleting))
        {
            // Under the store lock, so an eviction between reading the pods and writing the status cannot be lost.
            lock (cluster.Store.Sync)
            {
                cluster.Objects.Mutate(type, pdb.Namespace, pdb.Name, latest => Update(cluster, latest, pdb.Namespace, now), "status");
            }
        }
    }

    private static bool Update(SimulatedCluster cluster, JsonObject pdb, string ns, DateTime now)
    {
        var budget = DisruptionBudget.Compute(cluster, pdb, ns, now);
        var generation = pdb.At("metadata").Long("generation") ?? 1;
        var old = pdb["status"] as JsonObject;
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptedPods"] = budget.DisruptedPods.Count > 0 ? budget.DisruptedPods : null,
            ["disruptionsAllowed"] = budget.DisruptionsAllowed,
            ["currentHealthy"] = budget.CurrentHealthy,
            ["desiredHealthy"] = budget.DesiredHealthy,
            ["expectedPods"] = budget.ExpectedPods,
            ["conditions"] = new JsonArray(DisruptionAllowedCondition(old, budget.DisruptionsAllowed > 0, generation, now)),
        };
        if (status["disruptedPods"] is null)
        {
            status.Remove("disruptedPods");
        }
        if (JsonNode.DeepEquals(old, status))
        {
            return false;
        }
        pdb["status"] = status;
        return true;
    }

    public static JsonObject DisruptionAllowedCondition(JsonObject? status, bool allowed, long generation, DateTime now)
    {
        var value = allowed ? "True" : "False";
        var existing = (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "DisruptionAllowed");
        return new JsonObject
        {
            ["type"] = "DisruptionAllowed",
            ["status"] = value,
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = existing?.Str("status") == value ? existing.Str("lastTransitionTime") : now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = allowed ? "SufficientPods" : "InsufficientPods",
            ["message"] = "",
        };
    }
}
