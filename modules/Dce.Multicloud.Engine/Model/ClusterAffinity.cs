namespace Dce.Multicloud.Engine.Model;

/// <summary>Which member clusters a placement, a static weight or an override rule targets; every part given must hold.</summary>
public sealed record ClusterAffinity
{
    public LabelSelector? LabelSelector { get; init; }

    public FieldSelector? FieldSelector { get; init; }

    public IReadOnlyList<string> ClusterNames { get; init; } = [];

    /// <summary>Clusters never targeted (Karmada's <c>exclude</c>).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
}
