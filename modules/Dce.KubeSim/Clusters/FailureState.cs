namespace Dce.KubeSim.Clusters;

/// <summary>The faults an operator has injected into one cluster's API.</summary>
public sealed class FailureState
{
    /// <summary>When set, every Kubernetes request is refused as if the API server were down.</summary>
    public volatile bool Unreachable;

    private long latencyTicks;

    /// <summary>Nodes whose kubelet has stopped reporting; an empty name set means none.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> NotReadyNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults set on pods through the admin API, by <c>namespace/name</c>.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Dce.KubeSim.Simulation.Pods.PodFault> PodFaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Added to every Kubernetes request.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref latencyTicks));
        set => Interlocked.Exchange(ref latencyTicks, value.Ticks);
    }
}
