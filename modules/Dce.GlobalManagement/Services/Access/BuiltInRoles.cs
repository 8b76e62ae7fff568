using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>The roles every installation has; their permissions are restored from here at each start.</summary>
public static class BuiltInRoles
{
    public const string Admin = "admin";
    public const string IamOwner = "iam-owner";
    public const string KpandaOwner = "kpanda-owner";
    public const string AuditOwner = "audit-owner";
    public const string Module = "ghippo";

    private static readonly string[] ReadActions = ["get", "list", "watch"];
    private static readonly string[] WriteActions = ["get", "list", "watch", "create", "update", "patch", "delete"];

    public static IReadOnlyList<Role> All { get; } =
    [
        Define(Admin, RoleScope.Platform, "Everything on the platform.", new Permission("*", "*", "*")),
        Define(IamOwner, RoleScope.Platform, "Users, groups, roles, bindings and access keys.",
            Everything("users"), Everything("groups"), Everything("roles"), Everything("rolebindings"), Everything("accesskeys")),
        Define(KpandaOwner, RoleScope.Platform, "Everything in Container Management.", new Permission("kpanda", "*", "*")),
        Define(AuditOwner, RoleScope.Platform, "The audit log.", Everything("audits")),
        Define("folder-admin", RoleScope.Folder, "Everything in the folder and below, including who may do what.", new Permission("*", "*", "*")),
        Define("folder-editor", RoleScope.Folder, "Read and change resources in the folder and below.", Actions(WriteActions)),
        Define("folder-viewer", RoleScope.Folder, "Read resources in the folder and below.", Actions(ReadActions)),
        Define("workspace-admin", RoleScope.Workspace, "Everything in the workspace, including who may do what.", new Permission("*", "*", "*")),
        Define("workspace-editor", RoleScope.Workspace, "Read and change resources in the workspace.", Actions(WriteActions)),
        Define("workspace-viewer", RoleScope.Workspace, "Read resources in the workspace.", Actions(ReadActions)),
    ];

    /// <summary>Adds missing built-in roles and restores the permissions of existing ones.</summary>
    public static async Task EnsureAsync(GlobalManagementDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Where(r => r.BuiltIn).ToDictionaryAsync(r => r.Name, cancellationToken);
        foreach (var role in All)
        {
            if (existing.TryGetValue(role.Name, out var stored))
            {
                stored.Permissions = [.. role.Permissions];
                stored.Description = role.Description;
                stored.Scope = role.Scope;
            }
            else
            {
                db.Roles.Add(new Role
                {
                    Name = role.Name,
                    Scope = role.Scope,
                    Description = role.Description,
                    BuiltIn = true,
                    Permissions = [.. role.Permissions],
                    CreatedAt = time.GetUtcNow(),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Permission[] Everything(string resourceType) => [new Permission(Module, resourceType, "*")];

    private static Permission[] Actions(string[] actions) => [.. actions.Select(a => new Permission("*", "*", a))];

    private static Role Define(string name, RoleScope scope, string description, params Permission[][] permissions) =>
        new() { Name = name, Scope = scope, Description = description, BuiltIn = true, Permissions = [.. permissions.SelectMany(p => p)] };

    private static Role Define(string name, RoleScope scope, string description, Permission permission) =>
        Define(name, scope, description, [permission]);
}
