namespace Dce.GlobalManagement.Model;

public sealed record BindResourceRequest(string? Cluster, string? Namespace);

public sealed record WorkspaceResourceView(string Cluster, string? Namespace, string Kind, DateTimeOffset CreatedAt)
{
    public static WorkspaceResourceView Of(WorkspaceResource resource) =>
        new(resource.Cluster, resource.Namespace.Length == 0 ? null : resource.Namespace, resource.Namespace.Length == 0 ? "Cluster" : "Namespace", resource.CreatedAt);
}

/// <summary>DCE's six quota dimensions; a null dimension is unlimited.</summary>
public sealed record QuotaRequest(
    string? RequestsCpu,
    string? LimitsCpu,
    string? RequestsMemory,
    string? LimitsMemory,
    string? RequestsStorage,
    string? PersistentVolumeClaims);

public sealed record QuotaView(string Cluster, QuotaRequest Hard, DateTimeOffset UpdatedAt)
{
    public static QuotaView Of(WorkspaceQuota quota) => new(quota.Cluster,
        new QuotaRequest(quota.RequestsCpu, quota.LimitsCpu, quota.RequestsMemory, quota.LimitsMemory, quota.RequestsStorage, quota.PersistentVolumeClaims),
        quota.UpdatedAt);
}

public sealed record QuotaTypeView(string Name, string Description, string Example);
