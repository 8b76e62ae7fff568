namespace Dce.Multicloud.Engine.Model;

/// <summary>A placement's <c>weightPreference</c>: static weights, or a dynamic weight that replaces them.</summary>
public sealed record ClusterPreferences
{
    public IReadOnlyList<StaticClusterWeight> StaticWeightList { get; init; } = [];

    public DynamicWeightFactor? DynamicWeight { get; init; }
}
