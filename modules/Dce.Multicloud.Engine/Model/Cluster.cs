namespace Dce.Multicloud.Engine.Model;

/// <summary>A Karmada Cluster object (<c>cluster.karmada.io/v1alpha1</c>), as read from the API.</summary>
public sealed record Cluster
{
    public string ApiVersion { get; init; } = "cluster.karmada.io/v1alpha1";

    public string Kind { get; init; } = "Cluster";

    public ObjectMeta Metadata { get; init; } = new();

    public ClusterSpec Spec { get; init; } = new();

    public ClusterStatus Status { get; init; } = new();
}
