using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Storage;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// kube-scheduler's filter plugins in their order (NodeUnschedulable, TaintToleration, NodeAffinity,
/// NodeResourcesFit, VolumeBinding): the reasons one node refuses a pod, empty when it fits. A node stops at the
/// first plugin that refuses, as the scheduler's framework does.
/// </summary>
public static class NodeFilters
{
    public static NodeVerdict Check(NodeCapacity node, JsonObject podSpec, long cpu, long memory, PodVolumes volumes)
    {
        var tolerations = podSpec["tolerations"] as JsonArray ?? [];
        if (node.Cordoned && !tolerations.OfType<JsonObject>().Any(t =>
                t.Str("key") == "node.kubernetes.io/unschedulable" || (t.Str("operator") == "Exists" && string.IsNullOrEmpty(t.Str("key")))))
        {
            return NodeVerdict.Unresolvable("node(s) were unschedulable");
        }
        var taints = node.Ready || HasTaint(node, "node.kubernetes.io/unreachable") ? node.Taints : WithNotReady(node.Taints);
        if (SchedulingRules.UntoleratedTaint(podSpec, taints) is { } taint)
        {
            return NodeVerdict.Unresolvable($"node(s) had untolerated taint {{{taint.Str("key")}: {taint.Str("value")}}}");
        }
        if (!SchedulingRules.MatchesNodeSelector(podSpec, node.Labels) || !SchedulingRules.MatchesRequiredAffinity(podSpec, node.Labels))
        {
            return NodeVerdict.Unresolvable("node(s) didn't match Pod's node affinity/selector");
        }
        var insufficient = new List<string>();
        if (node.PodsLeft <= 0)
        {
            insufficient.Add("Too many pods");
        }
        if (node.CpuLeft < cpu)
        {
            insufficient.Add("Insufficient cpu");
        }
        if (node.MemoryLeft < memory)
        {
            insufficient.Add("Insufficient memory");
        }
        if (insufficient.Count > 0)
        {
            return new NodeVerdict(insufficient, Resolvable: true);
        }
        if (!volumes.FitsNode(node.Labels))
        {
            return NodeVerdict.Unresolvable("node(s) had volume node affinity conflict");
        }
        return NodeVerdict.Fits;
    }

    private static bool HasTaint(NodeCapacity node, string key) => (node.Taints ?? []).Any(t => t.Str("key") == key);

    private static JsonArray WithNotReady(JsonArray? taints)
    {
        var copy = taints?.DeepClone().AsArray() ?? [];
        copy.Add(new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["effect"] = "NoSchedule" });
        return copy;
    }
}

/// <summary>
/// Why a node refuses a pod. Resolvable refusals (resources) are ones preemption could fix by evicting pods;
/// the others make preemption "not helpful".
/// </summary>
public sealed record NodeVerdict(IReadOnlyList<string> Reasons, bool Resolvable)
{
    public static NodeVerdict Fits { get; } = new([], true);

    public bool Fit => Reasons.Count == 0;

    public static NodeVerdict Unresolvable(string reason) => new([reason], false);
}
