namespace Dce.ContainerManagement;

/// <summary>Settings of Container Management (<c>ContainerManagement</c>).</summary>
public sealed class ContainerManagementOptions
{
    public const string Section = "ContainerManagement";

    /// <summary>How often every cluster is probed.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one probe may take before the cluster counts as unreachable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long a Running cluster may go without answering a probe before it turns Unknown and calls to it are refused:
    /// one slow probe on a busy API server does not take a cluster out of service.
    /// </summary>
    public TimeSpan UnreachableGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call to a cluster may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many clusters are probed at once.</summary>
    public int ProbeConcurrency { get; set; } = 16;

    /// <summary>The longest a followed log streams; the caller follows again to go on.</summary>
    public TimeSpan MaxLogFollowDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many logs one user follows at once, across every replica.</summary>
    public int MaxLogFollowsPerUser { get; set; } = 5;

    /// <summary>How long a follow's slot is held without renewal: a follow on a replica that died stops counting after it.</summary>
    public TimeSpan LogFollowLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a cluster-wide list of a kind stays fed by a watch after it was last asked for; the first list after
    /// that lists the cluster again. Zero lists every time from the cluster.
    /// </summary>
    public TimeSpan WatchedListIdle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the embedded simulated clusters' kubeconfigs are (<c>Kubernetes:KubeconfigDirectory</c>); empty when there are none.</summary>
    public string? KubeconfigDirectory { get; set; }
}
