using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Disruption;

/// <summary>
/// What a PodDisruptionBudget allows now, computed as the disruption controller does: the pods it selects, how many
/// are healthy (Ready, not being deleted, not just evicted), how many it needs (minAvailable, or the expected count
/// less maxUnavailable, percentages scaled by the controllers' replica counts).
/// </summary>
public sealed record DisruptionBudget(long ExpectedPods, long DesiredHealthy, long CurrentHealthy, long DisruptionsAllowed, JsonObject DisruptedPods)
{
    /// <summary>How long an eviction is remembered while the pod is not gone yet, as the controller's DeletionTimeout.</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<StoredObject> SelectedPods(SimulatedCluster cluster, JsonObject pdb, string ns) =>
        pdb.At("spec.selector") is not JsonObject selector
            ? []
            : cluster.Store.List(cluster.Type("", "pods").StorageKey, ns, p => SelectorObject.Matches(selector, p.Labels)).Items;

    public static DisruptionBudget Compute(SimulatedCluster cluster, JsonObject pdb, string ns, DateTime now)
    {
        var pods = SelectedPods(cluster, pdb, ns);
        var disrupted = StillDisrupted(pdb.At("status.disruptedPods") as JsonObject, pods, now);
        var spec = pdb["spec"];
        long expected = pods.Count;
        long desired = 0;
        if (spec?["maxUnavailable"] is { } maxUnavailable)
        {
            expected = ExpectedScale(cluster, pods);
            desired = Math.Max(0, expected - Scaled(maxUnavailable, expected));
        }
        else if (spec?["minAvailable"] is { } minAvailable)
        {
            if (IsPercent(minAvailable))
            {
                expected = ExpectedScale(cluster, pods);
            }
            desired = Scaled(minAvailable, expected);
        }
        var healthy = pods.LongCount(p => p.Ready && p.Phase == "Running" && !p.Deleting && !disrupted.ContainsKey(p.Name));
        var allowed = expected <= 0 || healthy - desired <= 0 ? 0 : healthy - desired;
        return new DisruptionBudget(expected, desired, healthy, allowed, disrupted);
    }

    private static bool IsPercent(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) && s.EndsWith('%');

    private static long Scaled(JsonNode value, long total) => WorkloadMath.IntOrPercent(value, (int)total, roundUp: true, fallback: 0);

    /// <summary>Evictions still waiting for their pod to go: dropped once the pod is gone, being deleted, or overdue.</summary>
    private static JsonObject StillDisrupted(JsonObject? recorded, IReadOnlyList<StoredObject> pods, DateTime now)
    {
        var result = new JsonObject();
        foreach (var (name, at) in recorded ?? [])
        {
            var pod = pods.FirstOrDefault(p => p.Name == name);
            if (pod is null || pod.Deleting || !DateTime.TryParse(at?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)
                || when + DeletionTimeout < now)
            {
                continue;
            }
            result[name] = at!.DeepClone();
        }
        return result;
    }

    /// <summary>The summed replica count of the controllers of the selected pods, each counted once (a Deployment for its ReplicaSets).</summary>
    private static long ExpectedScale(SimulatedCluster cluster, IReadOnlyList<StoredObject> pods)
    {
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Owners.FirstOrDefault(o => o.Controller) is not { } owner)
            {
                continue;
            }
            var (uid, replicas) = ControllerScale(cluster, pod.Namespace, owner);
            if (uid is not null)
            {
                counted.TryAdd(uid, replicas);
            }
        }
        return counted.Values.Sum();
    }

    private static (string? Uid, long Replicas) ControllerScale(SimulatedCluster cluster, string ns, OwnerRef owner)
    {
        var type = cluster.Catalog.All.FirstOrDefault(t => t.Kind == owner.Kind && t.HasScale && t.Namespaced);
        if (type is null || cluster.Store.Get(type.StorageKey, ns, owner.Name) is not { } controller || controller.Uid != owner.Uid)
        {
            return (null, 0);
        }
        if (owner.Kind == "ReplicaSet" && controller.Owners.FirstOrDefault(o => o.Controller && o.Kind == "Deployment") is { } deployment)
        {
            var (uid, replicas) = ControllerScale(cluster, ns, deployment);
            if (uid is not null)
            {
                return (uid, replicas);
            }
        }
        return (controller.Uid, controller.Parse().At("spec").Long("replicas") ?? 1);
    }
}
