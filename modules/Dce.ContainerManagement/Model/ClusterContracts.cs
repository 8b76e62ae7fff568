using System.Text.Json.Serialization;
using Dce.ContainerManagement.Clusters;

namespace Dce.ContainerManagement.Model;

/// <summary>
/// Joins a cluster: its name on the platform, where it runs and its kubeconfig (kept encrypted, never returned). DCE
/// names the alias <c>aliasName</c> and the kubeconfig <c>kubeConfigString</c>; the module's <c>alias</c> and
/// <c>kubeconfig</c> are taken too.
/// </summary>
public sealed record IntegrateClusterRequest(
    string? Name, string? Alias, string? Provider, string? Region, string? Zone, Dictionary<string, string>? Labels, string? Kubeconfig,
    string? AliasName = null, string? KubeConfigString = null)
{
    [JsonIgnore]
    public string? AliasText => Alias ?? AliasName;

    [JsonIgnore]
    public string? KubeconfigText => Kubeconfig ?? KubeConfigString;

    [JsonIgnore]
    public string KubeconfigField => Kubeconfig is null && KubeConfigString is not null ? "kubeConfigString" : "kubeconfig";
}

/// <summary>Changes a cluster's description; a new kubeconfig is validated by connecting before it replaces the old one.</summary>
public sealed record UpdateClusterRequest(string? Alias, string? Provider, string? Region, string? Zone, Dictionary<string, string>? Labels, string? Kubeconfig,
    string? AliasName = null, string? KubeConfigString = null)
{
    [JsonIgnore]
    public string? AliasText => Alias ?? AliasName;

    [JsonIgnore]
    public string? KubeconfigText => Kubeconfig ?? KubeConfigString;

    [JsonIgnore]
    public string KubeconfigField => Kubeconfig is null && KubeConfigString is not null ? "kubeConfigString" : "kubeconfig";
}

/// <summary>Checks a kubeconfig by connecting, without joining the cluster (DCE: <c>kubeConfigString</c>).</summary>
public sealed record ValidateKubeconfigRequest(string? Kubeconfig, string? KubeConfigString = null)
{
    [JsonIgnore]
    public string? KubeconfigText => Kubeconfig ?? KubeConfigString;

    [JsonIgnore]
    public string KubeconfigField => Kubeconfig is null && KubeConfigString is not null ? "kubeConfigString" : "kubeconfig";
}

/// <summary>DCE's check of a joined cluster, or of the cluster another kubeconfig reaches, for what would stand in the way of joining it.</summary>
public sealed record ValidateClusterRequest(string? KubeConfigString, bool? UnjoinCluster);

/// <summary>A cluster's labels, as DCE edits them.</summary>
public sealed record ClusterLabelsRequest(Dictionary<string, string>? Labels);

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
