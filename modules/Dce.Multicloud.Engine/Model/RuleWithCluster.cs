namespace Dce.Multicloud.Engine.Model;

/// <summary>Overriders for the clusters <see cref="TargetCluster"/> matches (absent: every cluster).</summary>
public sealed record RuleWithCluster
{
    public ClusterAffinity? TargetCluster { get; init; }

    public Overriders Overriders { get; init; } = new();
}
