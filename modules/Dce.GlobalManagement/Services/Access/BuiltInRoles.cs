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
    public const string ClusterAdmin = "cluster-admin";
    public const string NamespaceAdmin = "ns-admin";
    public const string NamespaceEditor = "ns-editor";
    public const string NamespaceViewer = "ns-viewer";
    public const string Module = "ghippo";
    public const string ContainerManagement = "kpanda";
    public const string ClusterSearch = "clusterpedia";
    public const string Insight = "insight";

    private static readonly string[] ReadActions = ["get", "list", "watch"];
    private static readonly string[] WriteActions = ["get", "list", "watch", "create", "update", "patch", "delete"];

    // Container Management's resource types as its namespace roles see them; secret-values (the decoded data of
    // secrets) is apart from secrets so viewers can list secrets without reading them. Who may do what inside a
    // namespace (roles, role bindings, service accounts) is the namespace admin's alone.
    private static readonly string[] NamespacedWorkloads =
        ["workloads", "pods", "services", "configmaps", "secrets", "ingresses", "networkpolicies", "persistentvolumeclaims", "volumesnapshots", "autoscalers"];
    private static readonly string[] NamespaceAccess = ["roles", "rolebindings", "serviceaccounts"];

    // Custom resources drive operators that may do anything in the namespace, so they are the namespace admin's alone.
    private static readonly string[] NamespaceCustomResources = ["customresources"];
    private static readonly string[] WorkloadOperations = ["scale", "restart", "rollback", "pause", "resume"];
    private static readonly string[] NamespaceSettings = ["resourcequotas", "limitranges", "events"];
    private static readonly string[] ClusterShape = ["clusters", "namespaces"];

    // Read-only roles read everything but the decoded data of secrets; editors change everything but who may do what.
    private static readonly Permission[] SecretValues = [new(ContainerManagement, "secret-values", Permission.Any)];
    private static readonly Permission[] RoleBindingChanges =
    [
        .. new[] { "create", "update", "patch", "delete" }.SelectMany(a => new[]
        {
            new Permission(Module, "rolebindings", a),
            // Kubernetes' own RBAC in the clusters, and service accounts whose tokens carry it, are who may do what too.
            new Permission(ContainerManagement, "roles", a),
            new Permission(ContainerManagement, "rolebindings", a),
            new Permission(ContainerManagement, "clusterroles", a),
            new Permission(ContainerManagement, "clusterrolebindings", a),
            new Permission(ContainerManagement, "serviceaccounts", a),
        }),
    ];

    /// <summary>Who may bind a cluster, or a namespace of it, to a workspace: a grant of this on the cluster from outside that workspace.</summary>
    public static AccessQuestion ClusterAllocation(string cluster) => new(ContainerManagement, "clusters", "bind", Cluster: cluster);

    /// <summary>Who may set a workspace's quotas: a grant of this on the folder above the workspace, or on the platform.</summary>
    public static AccessQuestion QuotaAllocation(int? folderId) => new(Module, "quotas", "allocate", FolderId: folderId);

    public static IReadOnlyList<Role> All { get; } =
    [
        Define(Admin, RoleScope.Platform, "Everything on the platform.", new Permission("*", "*", "*")),
        Define(IamOwner, RoleScope.Platform, "Users, groups, roles, bindings and access keys.",
            Everything("users"), Everything("groups"), Everything("roles"), Everything("rolebindings"), Everything("accesskeys")),
        Define(KpandaOwner, RoleScope.Platform, "Everything in Container Management.", new Permission("kpanda", "*", "*")),
        Define(AuditOwner, RoleScope.Platform, "The audit log.", Everything("audits")),
        Define("folder-admin", RoleScope.Folder, "Everything in the folder and below, including who may do what.", new Permission("*", "*", "*")),
        Excluding(Define("folder-editor", RoleScope.Folder, "Read and change resources in the folder and below, not who may do what.", Actions(WriteActions)), RoleBindingChanges),
        Excluding(Define("folder-viewer", RoleScope.Folder, "Read resources in the folder and below, not secret values.", Actions(ReadActions)), SecretValues),
        Define("workspace-admin", RoleScope.Workspace, "Everything in the workspace, including who may do what.", new Permission("*", "*", "*")),
        Excluding(Define("workspace-editor", RoleScope.Workspace, "Read and change resources in the workspace, not who may do what.", Actions(WriteActions)), RoleBindingChanges),
        Excluding(Define("workspace-viewer", RoleScope.Workspace, "Read resources in the workspace, not secret values.", Actions(ReadActions)), SecretValues),
        Define(ClusterAdmin, RoleScope.Workspace, "Everything in Container Management, Cluster Search and Insight on the clusters and namespaces bound to the workspace.",
            new Permission(ContainerManagement, "*", "*"), new Permission(ClusterSearch, "*", "*"), new Permission(Insight, "*", "*")),
        Define(NamespaceAdmin, RoleScope.Workspace, "Everything on workloads, their configuration, secrets, quotas and events in the workspace's namespaces.",
            Kpanda([.. NamespacedWorkloads, "secret-values", .. NamespaceSettings, .. NamespaceAccess, .. NamespaceCustomResources], ["*"]), Kpanda(ClusterShape, ["get", "list"]), SearchResources, Observe),
        Define(NamespaceEditor, RoleScope.Workspace, "Change workloads and their configuration in the workspace's namespaces; read quotas and events.",
            Kpanda(NamespacedWorkloads, WriteActions), Kpanda(["workloads"], WorkloadOperations), Kpanda(["secret-values"], ["get"]),
            Kpanda([.. NamespaceSettings, .. ClusterShape], ReadActions), SearchResources, Observe),
        Define(NamespaceViewer, RoleScope.Workspace, "Read workloads, their configuration, quotas and events in the workspace's namespaces, not secret values.",
            Kpanda([.. NamespacedWorkloads, .. NamespaceSettings, .. ClusterShape], ReadActions), SearchResources, Observe),
    ];

    /// <summary>Adds missing built-in roles and restores the permissions of existing ones.</summary>
    public static async Task EnsureAsync(GlobalManagementDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Where(r => r.BuiltIn).ToDictionaryAsync(r => r.Name, cancellationToken);
        foreach (var role in All)
        {
            if (existing.TryGetValue(role.Name, out var stored))
            {
                stored.Permissions = Copy(role.Permissions);
                stored.Exclusions = Copy(role.Exclusions);
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
                    Permissions = Copy(role.Permissions),
                    Exclusions = Copy(role.Exclusions),
                    CreatedAt = time.GetUtcNow(),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // EF tracks an owned permission as part of one role only; roles sharing an instance would lose it to the last one saved.
    private static List<Permission> Copy(List<Permission> permissions) => [.. permissions.Select(p => p with { })];

    private static Role Excluding(Role role, Permission[] exclusions)
    {
        role.Exclusions = [.. exclusions];
        return role;
    }

    private static Permission[] Everything(string resourceType) => [new Permission(Module, resourceType, "*")];

    private static Permission[] SearchResources => [new Permission(ClusterSearch, "resources", "get"), new Permission(ClusterSearch, "resources", "list")];

    private static Permission[] Observe => [new Permission(Insight, "*", "get"), new Permission(Insight, "*", "list")];

    private static Permission[] Kpanda(string[] resourceTypes, string[] actions) =>
        [.. resourceTypes.SelectMany(type => actions.Select(action => new Permission(ContainerManagement, type, action)))];

    private static Permission[] Actions(string[] actions) => [.. actions.Select(a => new Permission("*", "*", a))];

    private static Role Define(string name, RoleScope scope, string description, params Permission[][] permissions) =>
        new() { Name = name, Scope = scope, Description = description, BuiltIn = true, Permissions = [.. permissions.SelectMany(p => p)] };

    private static Role Define(string name, RoleScope scope, string description, params Permission[] permissions) =>
        Define(name, scope, description, [permissions]);
}
