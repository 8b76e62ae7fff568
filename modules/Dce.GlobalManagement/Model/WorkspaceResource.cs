namespace Dce.GlobalManagement.Model;

/// <summary>A cluster, or a namespace of a cluster, bound to a workspace; a namespace belongs to at most one workspace.</summary>
public sealed class WorkspaceResource
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public required string Cluster { get; set; }

    /// <summary>Empty when the whole cluster is shared with the workspace.</summary>
    public string Namespace { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The hard limits of one workspace on one shared cluster, in Kubernetes quantities; null means unlimited.</summary>
public sealed class WorkspaceQuota
{
    public int WorkspaceId { get; set; }
    public required string Cluster { get; set; }
    public string? RequestsCpu { get; set; }
    public string? LimitsCpu { get; set; }
    public string? RequestsMemory { get; set; }
    public string? LimitsMemory { get; set; }
    public string? RequestsStorage { get; set; }
    public string? PersistentVolumeClaims { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
