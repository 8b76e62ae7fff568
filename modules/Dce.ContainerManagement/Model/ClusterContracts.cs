using Dce.ContainerManagement.Clusters;

namespace Dce.ContainerManagement.Model;

/// <summary>Joins a cluster: its name on the platform, where it runs and its kubeconfig (kept encrypted, never returned).</summary>
public sealed record IntegrateClusterRequest(
    string? Name, string? Alias, string? Provider, string? Region, string? Zone, Dictionary<string, string>? Labels, string? Kubeconfig);

/// <summary>Changes a cluster's description; a new kubeconfig is validated by connecting before it replaces the old one.</summary>
public sealed record UpdateClusterRequest(string? Alias, string? Provider, string? Region, string? Zone, Dictionary<string, string>? Labels, string? Kubeconfig);

/// <summary>Checks a kubeconfig by connecting, without joining the cluster.</summary>
public sealed record ValidateKubeconfigRequest(string? Kubeconfig);

/// <summary>What a kubeconfig connects to.</summary>
public sealed record KubeconfigCheck(string Server, string KubernetesVersion);

/// <summary>Binds the cluster or namespace of the route to a workspace.</summary>
public sealed record BindToWorkspaceRequest(int? WorkspaceId);

/// <summary>A cluster as the API shows it: never its kubeconfig.</summary>
public sealed record ClusterView(
    string Name,
    string? Alias,
    string Provider,
    string? Region,
    string? Zone,
    IReadOnlyDictionary<string, string> Labels,
    bool Embedded,
    string Phase,
    string? PhaseMessage,
    string? KubernetesVersion,
    DateTimeOffset CreatedAt,
    ClusterSummary? Summary)
{
    public static ClusterView Of(Cluster cluster, ClusterSummary? summary) => new(
        cluster.Name, cluster.Alias, cluster.Provider, cluster.Region, cluster.Zone, cluster.Labels, cluster.Embedded,
        cluster.Phase.ToString(), cluster.PhaseMessage, cluster.KubernetesVersion, cluster.CreatedAt, summary);
}
