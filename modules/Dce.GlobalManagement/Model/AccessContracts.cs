namespace Dce.GlobalManagement.Model;

public sealed record PermissionRequest(string? Module, string? ResourceType, string? Action);

public sealed record CreateRoleRequest(string? Name, RoleScope? Scope, string? Description, IReadOnlyList<PermissionRequest>? Permissions);

public sealed record UpdateRoleRequest(string? Description, IReadOnlyList<PermissionRequest>? Permissions);

public sealed record RoleView(string Name, RoleScope Scope, string? Description, bool BuiltIn, IReadOnlyList<Permission> Permissions, IReadOnlyList<Permission> Exclusions)
{
    public static RoleView Of(Role role) => new(role.Name, role.Scope, role.Description, role.BuiltIn, role.Permissions, role.Exclusions);
}

/// <summary>
/// "May the subject do action on resourceType of module in this workspace, folder, cluster or namespace of a cluster?"
/// — subject omitted means the caller; nothing named means the platform.
/// </summary>
public sealed record AccessCheckRequest(
    string? Module, string? ResourceType, string? Action, int? WorkspaceId, int? FolderId, Guid? SubjectId, string? Cluster = null, string? Namespace = null);

/// <summary>"Where may the caller do action on resourceType of module?"</summary>
public sealed record AccessScopeRequest(string? Module, string? ResourceType, string? Action);

public sealed record AccessCheckResponse(bool Allowed);
