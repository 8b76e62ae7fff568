using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Plays every node's kubelet: a bound pod turns Running and Ready after the configured start-up delay on a Ready
/// node, job pods complete, and pods on a node that stops being Ready lose readiness.
/// </summary>
public sealed class Kubelet : IController
{
    private static readonly TimeSpan JobRunTime = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, DateTime> firstSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> lastNodeReadiness = new(StringComparer.Ordinal);

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var podType = cluster.Type("", "pods");
        var nodes = cluster.Store.List(cluster.Type("", "nodes").StorageKey, null).Items.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var delay = cluster.Options.PodStartupDelay;
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
        if (firstSeen.Count > 10_000)
        {
            firstSeen.Clear();
        }
        foreach (var pod in candidates.Where(p => p.NodeName is not null && !p.Deleting))
        {
            var nodeReady = nodes.TryGetValue(pod.NodeName!, out var node) && node.Ready;
            if (pod.Phase == "Pending")
            {
                var seen = firstSeen.GetOrAdd(pod.Uid, now);
                if (nodeReady && now - seen >= delay)
                {
                    Start(cluster, podType, pod, node!, now);
                    firstSeen.TryRemove(pod.Uid, out _);
                }
            }
            else if (pod.Ready != nodeReady)
            {
                SetReady(cluster, podType, pod, nodeReady);
            }
            else if (nodeReady && IsJobPod(pod) && StartedBefore(pod, now - JobRunTime))
            {
                Complete(cluster, podType, pod);
            }
        }
    }

    private static bool IsJobPod(StoredObject pod) => pod.Owners.Any(o => o.Kind == "Job");

    private static bool StartedBefore(StoredObject pod, DateTime instant) =>
        DateTime.TryParse(pod.Parse().StrAt("status.startTime"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal, out var started) && started <= instant;

    private static void Start(SimulatedCluster cluster, ResourceType podType, StoredObject pod, StoredObject node, DateTime now)
    {
        var stamp = Json.Now();
        var hostIp = (node.Parse().At("status.addresses") as JsonArray)?.FirstOrDefault(a => a.Str("type") == "InternalIP").Str("address") ?? "10.0.0.2";
        var started = cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
        {
            var status = obj.Obj("status");
            status["phase"] = "Running";
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
            var ip = PodIp(pod.Uid);
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            status["startTime"] = stamp;
            foreach (var condition in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" })
            {
                WorkloadMath.SetCondition(status, condition, "True", "", "", stamp, ConditionClock.NoProbe);
            }
            status["containerStatuses"] = new JsonArray((obj.At("spec.containers") as JsonArray ?? []).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["imageID"] = $"{c.Str("image")}@sha256:{WorkloadMath.TemplateHash(c)}",
                ["containerID"] = $"containerd://{Guid.NewGuid():N}",
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = stamp } },
            }).ToArray());
            return true;
        }, "status");
        if (started is not null)
        {
            foreach (var container in started.Parse().At("spec.containers") as JsonArray ?? [])
            {
                EventRecorder.Record(cluster, podType, started, "Started", $"Started container {container.Str("name")}", "kubelet");
            }
        }
    }

    private static void SetReady(SimulatedCluster cluster, ResourceType podType, StoredObject pod, bool ready)
    {
        var stamp = Json.Now();
        cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
        {
            var status = obj.Obj("status");
            var value = ready ? "True" : "False";
            WorkloadMath.SetCondition(status, "Ready", value, ready ? "" : "NodeNotReady", "", stamp, ConditionClock.NoProbe);
            WorkloadMath.SetCondition(status, "ContainersReady", value, "", "", stamp, ConditionClock.NoProbe);
            foreach (var container in status["containerStatuses"] as JsonArray ?? [])
            {
                if (container is JsonObject c)
                {
                    c["ready"] = ready;
                }
            }
            return true;
        }, "status");
    }

    private static void Complete(SimulatedCluster cluster, ResourceType podType, StoredObject pod)
    {
        var stamp = Json.Now();
        cluster.Objects.Mutate(podType, pod.Namespace, pod.Name, obj =>
        {
            var status = obj.Obj("status");
            status["phase"] = "Succeeded";
            WorkloadMath.SetCondition(status, "Ready", "False", "PodCompleted", "", stamp, ConditionClock.NoProbe);
            WorkloadMath.SetCondition(status, "ContainersReady", "False", "PodCompleted", "", stamp, ConditionClock.NoProbe);
            foreach (var container in status["containerStatuses"] as JsonArray ?? [])
            {
                if (container is JsonObject c)
                {
                    c["ready"] = false;
                    c["started"] = false;
                    c["state"] = new JsonObject
                    {
                        ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["finishedAt"] = stamp, ["startedAt"] = status.Str("startTime") },
                    };
                }
            }
            return true;
        }, "status");
    }

    private static string PodIp(string uid)
    {
        var hash = (uint)uid.GetHashCode(StringComparison.Ordinal);
        return $"10.244.{(hash >> 16) % 250}.{(hash % 250) + 2}";
    }
}
