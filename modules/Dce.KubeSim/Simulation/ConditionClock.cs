namespace Dce.KubeSim.Simulation;

/// <summary>Which timestamp besides <c>lastTransitionTime</c> a kind's conditions carry.</summary>
public enum ConditionClock
{
    /// <summary>Deployments: <c>lastUpdateTime</c>.</summary>
    LastUpdateTime,
    /// <summary>Jobs: <c>lastProbeTime</c>.</summary>
    LastProbeTime,
    /// <summary>Pods: <c>lastProbeTime</c> present and null, as the kubelet writes it.</summary>
    NoProbe,
    /// <summary>Kinds with <c>lastTransitionTime</c> only (ReplicaSets, StatefulSets).</summary>
    TransitionOnly,
}
