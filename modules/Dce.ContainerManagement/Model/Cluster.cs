namespace Dce.ContainerManagement.Model;

/// <summary>A Kubernetes cluster joined to the platform by its kubeconfig, which is kept only in protected form.</summary>
public sealed class Cluster
{
    public required string Name { get; set; }

    /// <summary>
    /// Which join this is: drawn from a sequence at every join, so a later join of the same name always has a higher
    /// one. Every event about the cluster carries it, so a late event of a removed join is recognised as stale.
    /// </summary>
    public long Incarnation { get; set; }

    public string? Alias { get; set; }
    public string Provider { get; set; } = "generic";
    public string? Region { get; set; }
    public string? Zone { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>The kubeconfig under ASP.NET Data Protection (purpose <c>kpanda.kubeconfig</c>), keys in PostgreSQL.</summary>
    public required string ProtectedKubeconfig { get; set; }

    /// <summary>Joined from the platform's embedded simulated clusters rather than by a user.</summary>
    public bool Embedded { get; set; }

    public ClusterPhase Phase { get; set; } = ClusterPhase.Unknown;
    public string? PhaseMessage { get; set; }
    public string? KubernetesVersion { get; set; }
    public DateTimeOffset? PhaseChangedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What the health loop last saw: Running (answers), Unknown (unreachable), Failed (refuses the credentials).</summary>
public enum ClusterPhase
{
    Unknown,
    Running,
    Failed,
}
