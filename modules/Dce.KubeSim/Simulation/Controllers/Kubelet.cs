using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Pods;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Plays every node's kubelet: a bound pod starts after the configured start-up delay on a Ready node, then its
/// containers follow the container runtime (image pulls, crashes, restarts, probes, job exits) and the pod's phase,
/// conditions and events follow its containers; a Terminating pod is stopped after its preStop sleep. Pods on a node
/// that is not Ready are left as they are, as a node whose kubelet stopped reporting leaves them.
/// </summary>
public sealed class Kubelet(IMemoryPressure? memory = null) : IController
{
    private readonly ConcurrentDictionary<string, DateTime> firstSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> lastNodeReadiness = new(StringComparer.Ordinal);
    private readonly ContainerRuntime runtime = new(memory);

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var podType = cluster.Type("", "pods");
        var nodes = cluster.Store.List(cluster.Type("", "nodes").StorageKey, null).Items.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var readiness = nodes.ToDictionary(n => n.Key, n => n.Value.Ready, StringComparer.Ordinal);
        var nodesChanged = readiness.Count != lastNodeReadiness.Count || readiness.Any(r => !lastNodeReadiness.TryGetValue(r.Key, out var was) || was != r.Value);
        lastNodeReadiness.Clear();
        foreach (var (name, ready) in readiness)
        {
            lastNodeReadiness[name] = ready;
        }
        var candidates = nodesChanged
            ? cluster.Store.List(podType.StorageKey, null, p => p.NodeName is not null && p.Phase is "Pending" or "Running").Items
            : cluster.Store.Unsettled(podType.StorageKey);
        var faulted = cluster.Failures.PodFaults.Keys
            .Select(key => key.Split('/', 2))
            .Select(parts => cluster.Store.Get(podType.StorageKey, parts[0], parts[1]))
            .OfType<StoredObject>();
        // Running pods a load setting may push past their memory limit: only scanned while some load is set.
        var loaded = cluster.Load.IsEmpty
            ? []
            : cluster.Store.List(podType.StorageKey, null, p => p.Phase == "Running" && cluster.Load.In(p.Namespace).Count > 0).Items;
        if (firstSeen.Count > 10_000)
        {
            firstSeen.Clear();
        }
        foreach (var pod in candidates.Concat(faulted).Concat(loaded).DistinctBy(p => p.Key))
        {
            if (pod.Deleting && pod.NodeName is not null && nodes.TryGetValue(pod.NodeName, out var host) && host.Ready)
            {
                GracefulTermination.Step(cluster, podType, pod, now);
                continue;
            }
            if (pod.NodeName is null || pod.Deleting || pod.Phase is not ("Pending" or "Running")
                || !nodes.TryGetValue(pod.NodeName, out var node) || !node.Ready)
            {
                continue;
            }
            if (pod.Phase == "Pending" && pod.Parse().StrAt("status.startTime") is null)
            {
                var seen = firstSeen.GetOrAdd(pod.Uid, now);
                if (now - seen < cluster.Options.PodStartupDelay)
                {
                    continue;
                }
                firstSeen.TryRemove(pod.Uid, out _);
            }
            Sync(cluster, podType, pod, node, now);
        }
    }

    private void Sync(SimulatedCluster cluster, ResourceType podType, StoredObject pod, StoredObject node, DateTime now)
    {
        var fault = cluster.Failures.PodFaults.GetValueOrDefault(pod.Key);
        var events = new List<PodEvent>();
        var stamp = Json.Now();
        var updated = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
        {
            events.Clear();
            var status = obj.Obj("status");
            var before = status.ToJsonString();
            if (status.Str("startTime") is null)
            {
                Place(status, node, pod.Uid, stamp);
            }
            var restartPolicy = obj.StrAt("spec.restartPolicy") ?? "Always";
            var context = new ContainerContext(pod.Namespace, pod.Name, pod.Uid, node.Name, restartPolicy,
                pod.Owners.Any(o => o.Kind == "Job"), PodBehaviour.Of(obj, fault),
                cluster.Options.RestartBackoffBase, cluster.Options.ProbeTimeScale, now);
            var init = InitContainers.Step(runtime, context, obj, status, events);
            var previous = Statuses(status["containerStatuses"]);
            var next = (obj.At("spec.containers") as JsonArray ?? []).OfType<JsonObject>()
                .Select(spec => init.Done
                    ? runtime.Step(context, spec, previous.GetValueOrDefault(spec.Str("name") ?? ""), events)
                    : previous.GetValueOrDefault(spec.Str("name") ?? "") ?? InitContainers.Waiting(spec))
                .ToList();
            status["containerStatuses"] = new JsonArray(next.Select(c => (JsonNode)c.DeepClone()).ToArray());
            var phase = init.Done ? PodStatusRules.Phase(next, restartPolicy) : init.Failed ? "Failed" : "Pending";
            status["phase"] = phase;
            PodStatusRules.SetConditions(status, next, phase, stamp, init.Incomplete);
            return before != status.ToJsonString();
        }, "status");
        if (updated is null)
        {
            return;
        }
        foreach (var e in events)
        {
            EventRecorder.Record(cluster, podType, updated, e.Reason, e.Message, "kubelet", e.Warning);
        }
    }

    public static Dictionary<string, JsonObject> Statuses(JsonNode? statuses) =>
        (statuses as JsonArray ?? []).OfType<JsonObject>().ToDictionary(c => c.Str("name") ?? "", StringComparer.Ordinal);

    private static void Place(JsonObject status, StoredObject node, string uid, string stamp)
    {
        var hostIp = (node.Parse().At("status.addresses") as JsonArray)?.FirstOrDefault(a => a.Str("type") == "InternalIP").Str("address") ?? "10.0.0.2";
        status["hostIP"] = hostIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        var ip = PodIp(uid);
        status["podIP"] = ip;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        status["startTime"] = stamp;
    }

    private static string PodIp(string uid)
    {
        var hash = (uint)uid.GetHashCode(StringComparison.Ordinal);
        return $"10.244.{(hash >> 16) % 250}.{(hash % 250) + 2}";
    }
}
