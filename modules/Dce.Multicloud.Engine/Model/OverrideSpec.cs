namespace Dce.Multicloud.Engine.Model;

/// <summary>The spec shared by OverridePolicy and ClusterOverridePolicy.</summary>
public sealed record OverrideSpec
{
    /// <summary>Empty selects every resource.</summary>
    public IReadOnlyList<ResourceSelector> ResourceSelectors { get; init; } = [];

    public IReadOnlyList<RuleWithCluster> OverrideRules { get; init; } = [];

    /// <summary>Deprecated by Karmada in favour of <see cref="OverrideRules"/>; read only when there are no rules.</summary>
    public ClusterAffinity? TargetCluster { get; init; }

    /// <summary>Deprecated by Karmada in favour of <see cref="OverrideRules"/>; read only when there are no rules.</summary>
    public Overriders? Overriders { get; init; }
}
