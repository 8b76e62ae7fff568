using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// StatefulSets: pods named by ordinal, created in order (each waits for the previous to be Ready unless the
/// policy is Parallel), removed from the highest ordinal, rolled from the highest ordinal down on a template change,
/// with one PersistentVolumeClaim per volume claim template and ordinal.
/// </summary>
public sealed class StatefulSetController : IController
{
    private const string RevisionLabel = "controller-revision-hash";
    private const string Component = "statefulset-controller";

    private readonly CreateBackoff backoff = new();

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("apps", "statefulsets");
        var podType = cluster.Type("", "pods");
        var sets = cluster.Store.List(type.StorageKey, null, s => !s.Deleting).Items;
        backoff.KeepOnly(sets);
        foreach (var set in sets)
        {
            var obj = set.Parse();
            var replicas = (int)WorkloadMath.Replicas(obj);
            var template = obj.At("spec.template") as JsonObject ?? [];
            var revision = ControllerHistory.Record(cluster, type, set, obj, WorkloadMath.TemplateHash(template));
            var parallel = obj.At("spec").Str("podManagementPolicy") == "Parallel";
            var pods = cluster.Store.OwnedBy(podType.StorageKey, set.Uid).Where(p => !p.Deleting)
                .ToDictionary(p => Ordinal(set.Name, p.Name));
            for (var ordinal = 0; ordinal < replicas; ordinal++)
            {
                if (pods.ContainsKey(ordinal))
                {
                    continue;
                }
                if (!parallel && ordinal > 0 && (!pods.TryGetValue(ordinal - 1, out var previous) || !PodState.IsReady(previous)))
                {
                    break;
                }
                if (!backoff.MayCreate(cluster, set, now))
                {
                    break;
                }
                var podName = $"{set.Name}-{ordinal}";
                if (EnsureClaims(cluster, set, obj, ordinal) is { } claimRefusal)
                {
                    EventRecorder.Record(cluster, type, set, "FailedCreate",
                        $"create Claim {claimRefusal.Claim} for Pod {podName} in StatefulSet {set.Name} failed error: {claimRefusal.Error.Message}", Component, warning: true);
                    backoff.Failed(cluster, set, now);
                    break;
                }
                var creation = PodFactory.Create(cluster, type, set, WithClaimVolumes(template, obj, set.Name, ordinal), podName, new Dictionary<string, string>
                {
                    [RevisionLabel] = revision,
                    ["statefulset.kubernetes.io/pod-name"] = podName,
                    ["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture),
                });
                if (creation.Pod is not { } created)
                {
                    EventRecorder.Record(cluster, type, set, "FailedCreate",
                        $"create Pod {podName} in StatefulSet {set.Name} failed error: {creation.Error?.Message}", Component, warning: true);
                    backoff.Failed(cluster, set, now);
                    break;
                }
                backoff.Succeeded(set);
                pods[ordinal] = created;
                EventRecorder.Record(cluster, type, set, "SuccessfulCreate", $"create Pod {created.Name} in StatefulSet {set.Name} successful", Component);
                if (!parallel)
                {
                    break;
                }
            }
            foreach (var extra in pods.Where(p => p.Key >= replicas).OrderByDescending(p => p.Key).Take(parallel ? int.MaxValue : 1).ToList())
            {
                Delete(cluster, podType, extra.Value);
                pods.Remove(extra.Key);
            }
            var stale = pods.Where(p => p.Value.Labels.GetValueOrDefault(RevisionLabel) != revision).OrderByDescending(p => p.Key).ToList();
            if (stale.Count > 0 && pods.Values.All(PodState.IsReady))
            {
                Delete(cluster, podType, stale[0].Value);
                pods.Remove(stale[0].Key);
            }
            var ready = pods.Values.Count(PodState.IsReady);
            var updated = pods.Values.Count(p => p.Labels.GetValueOrDefault(RevisionLabel) == revision);
            var status = new JsonObject
            {
                ["observedGeneration"] = obj.At("metadata").Long("generation") ?? 1,
                ["replicas"] = pods.Count,
                ["readyReplicas"] = ready,
                ["currentReplicas"] = updated,
                ["updatedReplicas"] = updated,
                ["availableReplicas"] = ready,
                ["currentRevision"] = stale.Count == 0 ? revision : obj.At("status").Str("currentRevision") ?? revision,
                ["updateRevision"] = revision,
                ["collisionCount"] = 0,
            };
            if (!JsonNode.DeepEquals(status, obj["status"]))
            {
                cluster.Objects.Mutate(type, set.Namespace, set.Name, latest => { latest["status"] = status; return true; }, "status");
            }
            ControllerHistory.Trim(cluster, set, obj, [revision, status.Str("currentRevision")!, .. pods.Values.Select(p => p.Labels.GetValueOrDefault(RevisionLabel) ?? "")]);
        }
    }

    /// <summary>Creates the ordinal's missing claims; the claim the API refused, if any.</summary>
    private static ClaimRefusal? EnsureClaims(SimulatedCluster cluster, StoredObject set, JsonObject obj, int ordinal)
    {
        var claimType = cluster.Type("", "persistentvolumeclaims");
        foreach (var claimTemplate in (obj.At("spec.volumeClaimTemplates") as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = $"{claimTemplate.At("metadata").Str("name")}-{set.Name}-{ordinal}";
            if (cluster.Store.Get(claimType.StorageKey, set.Namespace, name) is not null)
            {
                continue;
            }
            var claim = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = obj.At("spec.selector.matchLabels")?.DeepClone() },
                ["spec"] = claimTemplate["spec"]?.DeepClone(),
            };
            try
            {
                cluster.Objects.Create(claimType, set.Namespace, claim);
            }
            catch (ApiException refused) when (refused.Code == 403)
            {
                return new ClaimRefusal(name, refused);
            }
            catch (ApiException)
            {
                // Created meanwhile.
            }
        }
        return null;
    }

    private sealed record ClaimRefusal(string Claim, ApiException Error);

    /// <summary>The pod template with one volume per claim template pointing at the ordinal's claim, as the controller mounts them.</summary>
    private static JsonObject WithClaimVolumes(JsonObject template, JsonObject set, string setName, int ordinal)
    {
        var claimTemplates = (set.At("spec.volumeClaimTemplates") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (claimTemplates.Count == 0)
        {
            return template;
        }
        var copy = template.DeepClone().AsObject();
        var volumes = copy.Obj("spec")["volumes"] as JsonArray ?? [];
        foreach (var claimTemplate in claimTemplates)
        {
            var volumeName = claimTemplate.At("metadata").Str("name");
            foreach (var existing in volumes.Where(v => v.Str("name") == volumeName).ToList())
            {
                volumes.Remove(existing);
            }
            volumes.Add(new JsonObject
            {
                ["name"] = volumeName,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{volumeName}-{setName}-{ordinal}" },
            });
        }
        copy.Obj("spec")["volumes"] = volumes;
        return copy;
    }

    private static int Ordinal(string setName, string podName) =>
        int.TryParse(podName.AsSpan(setName.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1;

    private static void Delete(SimulatedCluster cluster, ResourceType podType, StoredObject pod)
    {
        try
        {
            cluster.Objects.Delete(podType, pod.Namespace, pod.Name);
        }
        catch (ApiException)
        {
            // Already gone.
        }
    }
}
