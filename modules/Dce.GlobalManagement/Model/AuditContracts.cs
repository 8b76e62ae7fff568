namespace Dce.GlobalManagement.Model;

/// <summary>Filters of the audit log, besides the list convention's paging and sorting.</summary>
public sealed record AuditFilter(string? Module, string? Actor, string? Action, string? ResourceType, int? WorkspaceId, bool? Succeeded, DateTimeOffset? From, DateTimeOffset? To);

public sealed record AuditView(long Id, DateTimeOffset OccurredAt, string Module, string Actor, string? ActorId, string Action, string ResourceType,
    string? ResourceName, int? WorkspaceId, bool Succeeded, int StatusCode, string? ClientIp)
{
    public static AuditView Of(AuditRecord a) =>
        new(a.Id, a.OccurredAt, a.Module, a.Actor, a.ActorId, a.Action, a.ResourceType, a.ResourceName, a.WorkspaceId, a.Succeeded, a.StatusCode, a.ClientIp);
}

public sealed record AuditRetentionView(int RetentionDays);

public sealed record AuditClearResponse(int Deleted);
