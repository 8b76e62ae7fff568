namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// Faults set on a running pod through the admin API, on top of its annotations: every field left null keeps what
/// the annotations say.
/// </summary>
public sealed record PodFault(
    bool? Crash = null,
    bool? OomKill = null,
    bool? ReadinessFails = null,
    bool? LivenessFails = null,
    bool? ImagePullFails = null,
    int? ExitCode = null);
