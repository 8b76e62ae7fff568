namespace Dce.GlobalManagement.Model;

public sealed record PermissionRequest(string? Module, string? ResourceType, string? Action);

public sealed record CreateRoleRequest(string? Name, RoleScope? Scope, string? Description, IReadOnlyList<PermissionRequest>? Permissions);

public sealed record UpdateRoleRequest(string? Description, IReadOnlyList<PermissionRequest>? Permissions);

public sealed record RoleView(string Name, RoleScope Scope, string? Description, bool BuiltIn, IReadOnlyList<Permission> Permissions)
{
    public static RoleView Of(Role role) => new(role.Name, role.Scope, role.Description, role.BuiltIn, role.Permissions);
}

/// <summary>"May the subject do action on resourceType of module in this workspace or folder?" — subject omitted means the caller.</summary>
public sealed record AccessCheckRequest(string? Module, string? ResourceType, string? Action, int? WorkspaceId, int? FolderId, Guid? SubjectId);

public sealed record AccessCheckResponse(bool Allowed);
