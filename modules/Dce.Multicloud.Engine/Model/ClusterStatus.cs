namespace Dce.Multicloud.Engine.Model;

/// <summary>The part of a Karmada Cluster's status the engine reads.</summary>
public sealed record ClusterStatus
{
    public IReadOnlyList<ClusterCondition> Conditions { get; init; } = [];
}
