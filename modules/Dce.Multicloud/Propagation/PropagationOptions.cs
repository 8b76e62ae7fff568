namespace Dce.Multicloud.Propagation;

/// <summary>The propagation engine's settings (<c>Multicloud:Propagation</c>).</summary>
public sealed class PropagationOptions
{
    public const string Section = "Multicloud:Propagation";

    /// <summary>How often every object is reconciled again even without a change (templates, bindings and Works not applied yet; the members' watches report drift).</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each member is probed for health and capacity (Cluster status).</summary>
    public TimeSpan ClusterStatusInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many probes in a row must fail before a member is marked not ready.</summary>
    public int FailedProbesBeforeNotReady { get; set; } = 2;

    /// <summary>How long a member may stay not ready before its workloads are evicted, unless the placement tolerates it longer or shorter.</summary>
    public TimeSpan DefaultTolerationSeconds { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long an evicted cluster's Work is kept while the replicas come up elsewhere.</summary>
    public TimeSpan GracefulEvictionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a watch of the control plane stays open before it is renewed.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The leader's lease: renewed every <see cref="LeaseRenewInterval"/>, lost after <see cref="LeaseDuration"/> without renewal.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Who holds the lease: this replica's id (default the machine name and a random suffix).</summary>
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Workers per controller.</summary>
    public int Workers { get; set; } = 4;
}
