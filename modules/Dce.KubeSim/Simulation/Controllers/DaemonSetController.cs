using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>DaemonSets: one pod on every node the pod template accepts (selector, affinity, taints), replaced on template change.</summary>
public sealed class DaemonSetController : IController
{
    private const string HashLabel = "controller-revision-hash";

    private readonly CreateBackoff backoff = new();

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(50);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("apps", "daemonsets");
        var podType = cluster.Type("", "pods");
        var nodes = cluster.Store.List(cluster.Type("", "nodes").StorageKey, null, n => !n.Deleting).Items.Select(n => (Stored: n, Obj: n.Parse())).ToList();
        var sets = cluster.Store.List(type.StorageKey, null, s => !s.Deleting).Items;
        backoff.KeepOnly(sets);
        foreach (var set in sets)
        {
            var obj = set.Parse();
            var template = obj.At("spec.template") as JsonObject ?? [];
            var spec = template["spec"] as JsonObject ?? [];
            var hash = WorkloadMath.TemplateHash(template);
            var revision = ControllerHistory.Record(cluster, type, set, obj, hash);
            var pods = cluster.Store.OwnedBy(podType.StorageKey, set.Uid).Where(p => !p.Deleting).ToList();
            var eligible = nodes.Where(n => SchedulingRules.MatchesNodeSelector(spec, n.Stored.Labels)
                && SchedulingRules.MatchesRequiredAffinity(spec, n.Stored.Labels)
                && SchedulingRules.ToleratesTaints(spec, n.Obj.At("spec.taints") as JsonArray)).Select(n => n.Stored.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var pod in pods.Where(p => p.NodeName is null || !eligible.Contains(p.NodeName) || p.Labels.GetValueOrDefault(HashLabel) != hash))
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
            var placed = pods.Where(p => p.NodeName is not null && eligible.Contains(p.NodeName) && p.Labels.GetValueOrDefault(HashLabel) == hash).ToList();
            foreach (var node in eligible.Except(placed.Select(p => p.NodeName!), StringComparer.Ordinal))
            {
                if (!backoff.MayCreate(cluster, set, now))
                {
                    break;
                }
                var creation = PodFactory.Create(cluster, type, set, template, $"{set.Name}-{PodFactory.RandomSuffix()}",
                    new Dictionary<string, string> { [HashLabel] = hash }, nodeName: node);
                if (creation.Pod is not { } created)
                {
                    EventRecorder.Record(cluster, type, set, "FailedCreate", $"Error creating: {creation.Error?.Message}", "daemonset-controller", warning: true);
                    backoff.Failed(cluster, set, now);
                    break;
                }
                backoff.Succeeded(set);
                placed.Add(created);
                EventRecorder.Record(cluster, type, set, "SuccessfulCreate", $"Created pod: {created.Name}", "daemonset-controller");
            }
            var ready = placed.Count(PodState.IsReady);
            var status = new JsonObject
            {
                ["currentNumberScheduled"] = placed.Count,
                ["desiredNumberScheduled"] = eligible.Count,
                ["numberMisscheduled"] = 0,
                ["numberReady"] = ready,
                ["numberAvailable"] = ready,
                ["numberUnavailable"] = eligible.Count - ready,
                ["updatedNumberScheduled"] = placed.Count,
                ["observedGeneration"] = obj.At("metadata").Long("generation") ?? 1,
            };
            if (!JsonNode.DeepEquals(status, obj["status"]))
            {
                cluster.Objects.Mutate(type, set.Namespace, set.Name, latest => { latest["status"] = status; return true; }, "status");
            }
            ControllerHistory.Trim(cluster, set, obj, [revision]);
        }
    }
}
