namespace Dce.KubeSim.Simulation.Pods;

/// <summary>What a container's next step depends on besides its own spec and status.</summary>
public sealed record ContainerContext(
    string Namespace,
    string PodName,
    string PodUid,
    string NodeName,
    string RestartPolicy,
    bool RunsToCompletion,
    PodBehaviour Behaviour,
    TimeSpan BackoffBase,
    double ProbeTimeScale,
    DateTime Now)
{
    /// <summary>The pod as the kubelet names it in messages: <c>name_namespace(uid)</c>.</summary>
    public string PodIdentity => $"{PodName}_{Namespace}({PodUid})";
}
