namespace Dce.ClusterSearch.Model;

/// <summary>A type a cluster's sync indexes as its settings resolved, so every replica's search knows the custom types too.</summary>
public sealed class SyncedType
{
    public required string Cluster { get; set; }
    public required string Group { get; set; }
    public required string Version { get; set; }
    public required string Resource { get; set; }
    public required string Kind { get; set; }
    public bool Namespaced { get; set; }

    public ResourceType ToResourceType() => new(Group, Version, Resource, Kind, Namespaced);
}
