using Dce.KubeSim.Configuration;

namespace Dce.KubeSim;

/// <summary>Settings under <c>KubeSim</c>.</summary>
public sealed class KubeSimOptions
{
    public const string Section = "KubeSim";

    /// <summary>Clusters to simulate; three built-in ones when empty.</summary>
    public List<ClusterProfile> Clusters { get; set; } = [];
    /// <summary>Folder the per-cluster kubeconfig files are written to; none written when empty.</summary>
    public string? KubeconfigDirectory { get; set; }
    /// <summary>Folder the clusters, their objects and the serving certificate are kept in across restarts; in memory only when empty.</summary>
    public string? StateDirectory { get; set; }
    /// <summary>Size past which a cluster's change log is folded into a new snapshot.</summary>
    public long StateLogLimitBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>The URL clients reach this service at; taken from the listening address when empty.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>Bearer token of the <c>/sim</c> admin API; the admin API is closed when empty.</summary>
    public string? AdminToken { get; set; }
    /// <summary>How long a scheduled pod takes to become Running and Ready.</summary>
    public TimeSpan PodStartupDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How many changes the watch history keeps before older watches get 410 Gone.</summary>
    public int WatchHistorySize { get; set; } = 20_000;
    /// <summary>How often nodes renew their leases and Ready condition.</summary>
    public TimeSpan NodeHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How often controllers re-check the whole state when nothing woke them.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>The kubelet's first back-off before restarting a crashed container or pulling an image again (10s on a real node); doubled on each retry, capped at 30 times.</summary>
    public TimeSpan RestartBackoffBase { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Multiplies probe timings (initialDelaySeconds, periodSeconds) so a failing probe acts sooner.</summary>
    public double ProbeTimeScale { get; set; } = 1.0;
    /// <summary>The tolerationSeconds the API server adds to pods for the not-ready and unreachable NoExecute taints.</summary>
    public long DefaultTolerationSeconds { get; set; } = 300;
    /// <summary>How often the horizontal pod autoscaler looks at each autoscaler, as kube-controller-manager's <c>--horizontal-pod-autoscaler-sync-period</c>.</summary>
    public TimeSpan HorizontalPodAutoscalerSyncPeriod { get; set; } = TimeSpan.FromSeconds(15);
}
