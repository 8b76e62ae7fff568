namespace Dce.Insight.Model;

/// <summary>A cluster Container Management integrated, with its kubeconfig still sealed: the clusters Insight scrapes.</summary>
public sealed class KnownCluster
{
    public required string Name { get; set; }

    /// <summary>The join of the cluster this row follows (Container Management's incarnation); events of older joins are ignored.</summary>
    public long Incarnation { get; set; }

    public string Provider { get; set; } = "";
    public string? Region { get; set; }

    /// <summary>The kubeconfig as <c>ClusterCredentialProtector</c> sealed it; never stored in clear text.</summary>
    public required string ProtectedKubeconfig { get; set; }

    /// <summary><c>Running</c>, <c>Unknown</c> or <c>Failed</c>: only running clusters are scraped.</summary>
    public string Phase { get; set; } = ClusterPhases.Running;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The phases Container Management reports.</summary>
public static class ClusterPhases
{
    public const string Running = "Running";
}
