namespace Dce.ClusterSearch.Model;

/// <summary>
/// What a platform team chose to sync of one cluster, replacing the module's default types for it. Every change gets a
/// new <see cref="Revision"/>, which the replicas compare to restart the cluster's sync with the new types.
/// </summary>
public sealed class ClusterSyncSettings
{
    public required string Cluster { get; set; }

    public List<SyncResourceChoice> Resources { get; set; } = [];

    /// <summary>Also every type of every CustomResourceDefinition the cluster serves.</summary>
    public bool SyncAllCustomResources { get; set; }

    public Guid Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Types of one API group: <see cref="Resources"/> by plural name, or <c>*</c> for every type of the group; in the first of
/// <see cref="Versions"/> that serves each, or the group's preferred version when none is given.
/// </summary>
public sealed record SyncResourceChoice(string Group, IReadOnlyList<string> Versions, IReadOnlyList<string> Resources)
{
    public const string AllResources = "*";
}
