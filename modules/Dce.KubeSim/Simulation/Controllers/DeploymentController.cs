using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template (labelled with its hash), rolling
/// updates bounded by maxSurge and maxUnavailable, revision annotations, history cleanup, and the status and
/// conditions <c>kubectl rollout status</c> and <c>kubectl wait</c> read.
/// </summary>
public sealed class DeploymentController : IController
{
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string HashLabel = "pod-template-hash";

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("apps", "deployments");
        var rsType = cluster.Type("apps", "replicasets");
        foreach (var deployment in cluster.Store.List(type.StorageKey, null, d => !d.Deleting).Items)
        {
            Reconcile(cluster, type, rsType, deployment, cluster.Store.OwnedBy(rsType.StorageKey, deployment.Uid).Where(r => !r.Deleting).ToList(), now);
        }
    }

    private static void Reconcile(SimulatedCluster cluster, ResourceType type, ResourceType rsType, StoredObject deployment, List<StoredObject> sets, DateTime now)
    {
        var obj = deployment.Parse();
        var template = obj.At("spec.template")?.DeepClone() as JsonObject ?? [];
        var hash = WorkloadMath.TemplateHash(template);
        var replicas = (int)WorkloadMath.Replicas(obj);
        var parsed = sets.Select(s => (Stored: s, Obj: s.Parse())).ToList();
        var maxRevision = parsed.Select(s => Revision(s.Obj)).DefaultIfEmpty(0).Max();
        var normalized = WorkloadMath.Normalize(template);
        var newSet = parsed.FirstOrDefault(s => JsonNode.DeepEquals(WorkloadMath.Normalize(s.Obj.At("spec.template")), normalized));
        if (newSet.Stored is null)
        {
            var created = CreateReplicaSet(cluster, rsType, type, deployment, template, hash, maxRevision + 1, obj);
            if (created is null)
            {
                return;
            }
            if (created.Parse().At("spec").Long("replicas") is > 0 and var initial)
            {
                EventRecorder.Record(cluster, type, deployment, "ScalingReplicaSet", $"Scaled up replica set {created.Name} from 0 to {initial}", "deployment-controller");
            }
            newSet = (created, created.Parse());
            parsed.Add(newSet);
        }
        else if (Revision(newSet.Obj) < maxRevision)
        {
            var revision = maxRevision + 1;
            newSet.Stored = cluster.Objects.Mutate(rsType, newSet.Stored.Namespace, newSet.Stored.Name, rs =>
            {
                rs.Metadata().Obj("annotations")[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
                return true;
            }) ?? newSet.Stored;
            newSet.Obj = newSet.Stored.Parse();
        }
        var oldSets = parsed.Where(s => s.Stored.Uid != newSet.Stored.Uid).ToList();
        if (obj.At("spec.paused")?.GetValue<bool>() != true)
        {
            Scale(cluster, type, rsType, deployment, obj, replicas, newSet, oldSets);
        }
        CleanupHistory(cluster, rsType, obj, oldSets);
        UpdateStatus(cluster, type, deployment, obj, replicas, newSet.Stored, oldSets.Select(s => s.Stored).ToList(), Revision(newSet.Obj), now);
    }

    private static void Scale(SimulatedCluster cluster, ResourceType type, ResourceType rsType, StoredObject deployment, JsonObject obj, int replicas,
        (StoredObject Stored, JsonObject Obj) newSet, List<(StoredObject Stored, JsonObject Obj)> oldSets)
    {
        var newSpec = (int)WorkloadMath.Replicas(newSet.Obj);
        var activeOld = oldSets.Where(s => WorkloadMath.Replicas(s.Obj) > 0).ToList();
        if (obj.At("spec.strategy").Str("type") == "Recreate")
        {
            foreach (var old in activeOld)
            {
                SetReplicas(cluster, type, rsType, deployment, old.Stored, (int)WorkloadMath.Replicas(old.Obj), 0);
            }
            var oldPodsLeft = oldSets.Sum(s => (int)(s.Obj.At("status").Long("replicas") ?? 0));
            if (activeOld.Count == 0 && oldPodsLeft == 0 && newSpec != replicas)
            {
                SetReplicas(cluster, type, rsType, deployment, newSet.Stored, newSpec, replicas);
            }
            return;
        }
        if (activeOld.Count == 0)
        {
            if (newSpec != replicas)
            {
                SetReplicas(cluster, type, rsType, deployment, newSet.Stored, newSpec, replicas);
            }
            return;
        }
        var rolling = obj.At("spec.strategy.rollingUpdate");
        var maxSurge = WorkloadMath.IntOrPercent(rolling?["maxSurge"], replicas, roundUp: true, fallback: 1);
        var maxUnavailable = WorkloadMath.IntOrPercent(rolling?["maxUnavailable"], replicas, roundUp: false, fallback: 0);
        if (maxSurge == 0 && maxUnavailable == 0)
        {
            maxUnavailable = 1;
        }
        var totalSpec = newSpec + activeOld.Sum(s => (int)WorkloadMath.Replicas(s.Obj));
        var room = replicas + maxSurge - totalSpec;
        if (room > 0 && newSpec < replicas)
        {
            var target = Math.Min(replicas, newSpec + room);
            SetReplicas(cluster, type, rsType, deployment, newSet.Stored, newSpec, target);
            totalSpec += target - newSpec;
        }
        var available = (int)(newSet.Obj.At("status").Long("availableReplicas") ?? 0) + activeOld.Sum(s => (int)(s.Obj.At("status").Long("availableReplicas") ?? 0));
        var removable = available - (replicas - maxUnavailable);
        foreach (var old in activeOld.OrderBy(s => Revision(s.Obj)))
        {
            var oldSpec = (int)WorkloadMath.Replicas(old.Obj);
            var unhealthy = oldSpec - (int)(old.Obj.At("status").Long("availableReplicas") ?? 0);
            var cut = Math.Min(oldSpec, Math.Max(0, unhealthy) + Math.Max(0, removable));
            var overCapacity = totalSpec - (replicas + maxSurge);
            cut = Math.Max(cut, Math.Min(oldSpec, Math.Max(0, overCapacity)));
            if (cut <= 0)
            {
                continue;
            }
            SetReplicas(cluster, type, rsType, deployment, old.Stored, oldSpec, oldSpec - cut);
            removable -= Math.Max(0, cut - Math.Max(0, unhealthy));
            totalSpec -= cut;
        }
    }

    private static void SetReplicas(SimulatedCluster cluster, ResourceType type, ResourceType rsType, StoredObject deployment, StoredObject rs, int from, int to)
    {
        if (from == to)
        {
            return;
        }
        cluster.Objects.Mutate(rsType, rs.Namespace, rs.Name, set =>
        {
            set.Obj("spec")["replicas"] = to;
            set.Metadata().Obj("annotations")["deployment.kubernetes.io/desired-replicas"] = WorkloadMath.Replicas(deployment.Parse()).ToString(CultureInfo.InvariantCulture);
            return true;
        });
        var verb = to > from ? "up" : "down";
        EventRecorder.Record(cluster, type, deployment, "ScalingReplicaSet", $"Scaled {verb} replica set {rs.Name} from {from} to {to}", "deployment-controller");
    }

    private static StoredObject? CreateReplicaSet(SimulatedCluster cluster, ResourceType rsType, ResourceType type, StoredObject deployment,
        JsonObject template, string hash, long revision, JsonObject deploymentObj)
    {
        template.Metadata().Obj("labels")[HashLabel] = hash;
        var selector = deploymentObj.At("spec.selector")?.DeepClone() as JsonObject ?? [];
        selector.Obj("matchLabels")[HashLabel] = hash;
        var hasOld = cluster.Store.OwnedBy(rsType.StorageKey, deployment.Uid).Any(r => WorkloadMath.Replicas(r.Parse()) > 0);
        var replicas = WorkloadMath.Replicas(deploymentObj);
        var initial = hasOld ? 0 : replicas;
        var labels = template.Metadata().Obj("labels").DeepClone();
        var rs = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Name}-{hash}",
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(WorkloadMath.OwnerReference(type, deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = initial, ["selector"] = selector, ["template"] = template },
        };
        try
        {
            return cluster.Objects.Create(rsType, deployment.Namespace, rs);
        }
        catch (ApiException)
        {
            return null;
        }
    }

    private static void CleanupHistory(SimulatedCluster cluster, ResourceType rsType, JsonObject obj, List<(StoredObject Stored, JsonObject Obj)> oldSets)
    {
        var limit = (int)(obj.At("spec").Long("revisionHistoryLimit") ?? 10);
        var idle = oldSets.Where(s => WorkloadMath.Replicas(s.Obj) == 0 && (s.Obj.At("status").Long("replicas") ?? 0) == 0)
            .OrderBy(s => Revision(s.Obj)).ToList();
        foreach (var extra in idle.Take(Math.Max(0, idle.Count - limit)))
        {
            try
            {
                cluster.Objects.Delete(rsType, extra.Stored.Namespace, extra.Stored.Name);
            }
            catch (ApiException)
            {
                // Already gone.
            }
        }
    }

    private static void UpdateStatus(SimulatedCluster cluster, ResourceType type, StoredObject deployment, JsonObject obj, int replicas,
        StoredObject newSet, List<StoredObject> oldSets, long revision, DateTime now)
    {
        var all = oldSets.Append(newSet).Select(s => s.Parse()).ToList();
        long Sum(string field) => all.Sum(s => s.At("status").Long(field) ?? 0);
        var newStatus = newSet.Parse().At("status");
        var updated = newStatus.Long("replicas") ?? 0;
        var available = Sum("availableReplicas");
        var total = Sum("replicas");
        var maxUnavailable = obj.At("spec.strategy").Str("type") == "Recreate" ? 0
            : WorkloadMath.IntOrPercent(obj.At("spec.strategy.rollingUpdate")?["maxUnavailable"], replicas, roundUp: false, fallback: 0);
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var revisionText = revision.ToString(CultureInfo.InvariantCulture);
        if (obj.At("metadata.annotations").Str(RevisionAnnotation) != revisionText)
        {
            cluster.Objects.Mutate(type, deployment.Namespace, deployment.Name, latest =>
            {
                latest.Metadata().Obj("annotations")[RevisionAnnotation] = revisionText;
                return true;
            });
        }
        cluster.Objects.Mutate(type, deployment.Namespace, deployment.Name, latest =>
        {
            var status = latest["status"] as JsonObject ?? [];
            var before = status.ToJsonString();
            status["observedGeneration"] = latest.At("metadata").Long("generation") ?? 1;
            status["replicas"] = total;
            status["updatedReplicas"] = updated;
            status["readyReplicas"] = Sum("readyReplicas");
            status["availableReplicas"] = available;
            status["unavailableReplicas"] = Math.Max(0, replicas - available);
            var isAvailable = available >= replicas - maxUnavailable;
            WorkloadMath.SetCondition(status, "Available", isAvailable ? "True" : "False",
                isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", stamp);
            var complete = updated == replicas && available == replicas && total == replicas;
            WorkloadMath.SetCondition(status, "Progressing", "True", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? $"ReplicaSet \"{newSet.Name}\" has successfully progressed." : $"ReplicaSet \"{newSet.Name}\" is progressing.", stamp);
            SurfaceReplicaFailure(status, newSet, oldSets);
            latest["status"] = status;
            return before != status.ToJsonString();
        }, "status");
    }

    /// <summary>Copies the new ReplicaSet's ReplicaFailure condition (else an old one's) onto the Deployment, or removes it.</summary>
    private static void SurfaceReplicaFailure(JsonObject status, StoredObject newSet, List<StoredObject> oldSets)
    {
        static JsonObject? FailureOf(StoredObject rs) =>
            (rs.Parse().At("status.conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "ReplicaFailure");
        var failure = FailureOf(newSet) ?? oldSets.Select(FailureOf).FirstOrDefault(c => c is not null);
        var conditions = status["conditions"] as JsonArray ?? [];
        foreach (var stale in conditions.OfType<JsonObject>().Where(c => c.Str("type") == "ReplicaFailure").ToList())
        {
            conditions.Remove(stale);
        }
        if (failure is not null)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = "ReplicaFailure", ["status"] = failure.Str("status"),
                ["lastUpdateTime"] = failure.Str("lastTransitionTime"), ["lastTransitionTime"] = failure.Str("lastTransitionTime"),
                ["reason"] = failure.Str("reason"), ["message"] = failure.Str("message"),
            });
        }
        status["conditions"] = conditions;
    }

    private static long Revision(JsonObject rs) =>
        long.TryParse(rs.At("metadata.annotations").Str(RevisionAnnotation), CultureInfo.InvariantCulture, out var r) ? r : 0;
}
