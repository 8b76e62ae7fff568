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

/// <summary>One binding of a cluster: the whole cluster (<paramref name="Namespace"/> null) or one namespace of it, to a workspace.</summary>
public sealed record ClusterBindingView(int WorkspaceId, string? Namespace);

/// <summary>The workspace a namespace belongs to, that workspace's hard limits on the namespace's cluster (null when none), and its other namespaces there.</summary>
public sealed record NamespaceWorkspaceQuotaView(int WorkspaceId, QuotaRequest? Hard, IReadOnlyList<string> Namespaces);
