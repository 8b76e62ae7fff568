namespace Dce.Multicloud.Engine.Model;

/// <summary>Spread the workload over between <see cref="MinGroups"/> and <see cref="MaxGroups"/> groups of clusters.</summary>
public sealed record SpreadConstraint
{
    public SpreadByField? SpreadByField { get; init; }

    /// <summary>A cluster label key to group by, instead of <see cref="SpreadByField"/>.</summary>
    public string? SpreadByLabel { get; init; }

    /// <summary>0 means no upper bound.</summary>
    public int MaxGroups { get; init; }

    /// <summary>0 is read as 1, as Karmada defaults it.</summary>
    public int MinGroups { get; init; }
}
