namespace Dce.Multicloud.Model;

/// <summary>
/// A cluster Container Management has joined, learnt from its events: what a multicloud instance may take as a member.
/// Its kubeconfig stays sealed (<see cref="Platform.Contracts.Clusters.ClusterCredentialProtector"/>) until a join opens it.
/// </summary>
public sealed class KnownCluster
{
    /// <summary>The phase of a join Container Management removed: its credentials are gone and it cannot be taken.</summary>
    public const string Removed = "Removed";

    public required string Name { get; set; }
    public long Incarnation { get; set; }
    public string Provider { get; set; } = "";
    public string? Region { get; set; }
    public required string ProtectedKubeconfig { get; set; }
    /// <summary>Container Management's phase: Running, Unknown (unreachable) or Failed; or <see cref="Removed"/>.</summary>
    public string Phase { get; set; } = "Running";
    public DateTimeOffset UpdatedAt { get; set; }
}
