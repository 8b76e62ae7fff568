namespace Dce.Multicloud.Engine.Model;

/// <summary>The weight of the clusters that <see cref="TargetCluster"/> matches.</summary>
public sealed record StaticClusterWeight
{
    public ClusterAffinity TargetCluster { get; init; } = new();

    public long Weight { get; init; }
}
