using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>
/// Kubernetes RBAC at DCE's paths and in DCE's shapes: a namespace's Roles and RoleBindings (the namespace admin's:
/// <c>roles</c> / <c>rolebindings</c>), the cluster's ClusterRoles and ClusterRoleBindings (a role on the whole cluster),
/// lists of bindings across clusters, and the caller's own roles. Every grant is held to what the caller holds
/// (<see cref="GrantCeiling"/>), whether it comes as DCE's form or as YAML.
/// </summary>
public static class RbacApi
{
    public const string Roles = "roles";
    public const string RoleBindings = "rolebindings";
    public const string ClusterRoles = "clusterroles";
    public const string ClusterRoleBindings = "clusterrolebindings";

    internal static readonly ServedResource RoleKind = new(ResourceKinds.Roles, "roles", Roles, ResourceRoutes.None, "Roles");
    internal static readonly ServedResource RoleBindingKind = new(ResourceKinds.RoleBindings, "rolebindings", RoleBindings, ResourceRoutes.None, "RoleBindings");
    internal static readonly ServedResource ClusterRoleKind = new(ResourceKinds.ClusterRoles, "clusterroles", ClusterRoles, ResourceRoutes.None, "ClusterRoles");
    internal static readonly ServedResource ClusterRoleBindingKind = new(ResourceKinds.ClusterRoleBindings, "clusterrolebindings", ClusterRoleBindings, ResourceRoutes.None, "ClusterRoleBindings");

    public static IEndpointRouteBuilder MapRbacApi(this IEndpointRouteBuilder app)
    {
        var ns = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}");
        ns.MapGet("/roles", RoleHandlers.ListRolesAsync).RequireClusterPermission("list", Roles).WithName("ListRoles").WithSummary("Lists the namespace's Roles.").WithTags("Roles");
        ns.MapPost("/roles", RoleHandlers.CreateRoleAsync).Audited("create", Roles).RequireClusterPermission("create", Roles).WithName("CreateRole")
            .WithSummary("Creates a Role from {\"data\": \"<YAML or JSON>\"}; its rules stay within what the caller holds in the namespace.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).WithTags("Roles");
        ns.MapGet("/roles/{name}", RoleHandlers.GetRoleAsync).RequireClusterPermission("get", Roles).WithName("GetRole").WithSummary("A Role.").WithTags("Roles");
        ns.MapPut("/roles/{name}", RoleHandlers.UpdateRoleAsync).Audited("update", Roles).RequireClusterPermission("update", Roles).WithName("UpdateRole")
            .WithSummary("Replaces a Role with {\"data\": \"<YAML or JSON>\"}; its rules stay within what the caller holds in the namespace.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).WithTags("Roles");
        ns.MapDelete("/roles/{name}", RoleHandlers.DeleteRoleAsync).Audited("delete", Roles).RequireClusterPermission("delete", Roles).WithName("DeleteRole").WithSummary("Deletes a Role.").WithTags("Roles");

        ns.MapPost("/rolebindings", BindingHandlers.CreateRoleBindingAsync).Audited("create", RoleBindings).RequireClusterPermission("create", RoleBindings)
            .WithName("CreateRoleBinding").WithSummary("Binds a subject to a Role of the namespace or a ClusterRole, in the namespace only: DCE's form (subject, roleRef, name) or {\"data\": \"<YAML or JSON>\"}.").WithTags("RoleBindings");
        ns.MapDelete("/rolebindings/{name}", BindingHandlers.DeleteRoleBindingAsync).Audited("delete", RoleBindings).RequireClusterPermission("delete", RoleBindings)
            .WithName("DeleteRoleBinding").WithSummary("Deletes a RoleBinding.").WithTags("RoleBindings");

        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}");
        cluster.MapGet("/clusterroles", RoleHandlers.ListClusterRolesAsync).RequireClusterPermission("list", ClusterRoles).WithName("ListClusterRoles").WithSummary("Lists the cluster's ClusterRoles.").WithTags("ClusterRoles");
        cluster.MapGet("/clusterroles/{name}", RoleHandlers.GetClusterRoleAsync).RequireClusterPermission("get", ClusterRoles).WithName("GetClusterRole").WithSummary("A ClusterRole.").WithTags("ClusterRoles");
        cluster.MapPost("/clusterroles/{name}", RoleHandlers.CreateClusterRoleAsync).Audited("create", ClusterRoles).RequireClusterPermission("create", ClusterRoles)
            .WithName("CreateClusterRole").WithSummary("Creates a ClusterRole from {\"data\": \"<YAML or JSON>\"}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).WithTags("ClusterRoles");
        cluster.MapPut("/clusterroles/{name}", RoleHandlers.UpdateClusterRoleAsync).Audited("update", ClusterRoles).RequireClusterPermission("update", ClusterRoles)
            .WithName("UpdateClusterRole").WithSummary("Replaces a ClusterRole with {\"data\": \"<YAML or JSON>\"}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).WithTags("ClusterRoles");
        cluster.MapDelete("/clusterroles/{name}", RoleHandlers.DeleteClusterRoleAsync).Audited("delete", ClusterRoles).RequireClusterPermission("delete", ClusterRoles)
            .WithName("DeleteClusterRole").WithSummary("Deletes a ClusterRole.").WithTags("ClusterRoles");

        cluster.MapPost("/clusterrolebindings", BindingHandlers.CreateClusterRoleBindingAsync).Audited("create", ClusterRoleBindings).RequireClusterPermission("create", ClusterRoleBindings)
            .WithName("CreateClusterRoleBinding").WithSummary("Binds a subject to a ClusterRole in the whole cluster: DCE's form (subject, roleRef, name) or {\"data\": \"<YAML or JSON>\"}.").WithTags("ClusterRoleBindings");
        cluster.MapDelete("/clusterrolebindings/{name}", BindingHandlers.DeleteClusterRoleBindingAsync).Audited("delete", ClusterRoleBindings).RequireClusterPermission("delete", ClusterRoleBindings)
            .WithName("DeleteClusterRoleBinding").WithSummary("Deletes a ClusterRoleBinding.").WithTags("ClusterRoleBindings");

        app.MapGet(ApiPaths.V1Alpha1 + "/asl/rolebindings", BindingHandlers.ListAllRoleBindingsAsync).WithTags("RoleBindings")
            .WithName("ListAllRoleBindings").WithSummary("The RoleBindings of every namespace the caller may see, in every cluster (or those named).");
        app.MapGet(ApiPaths.V1Alpha1 + "/asl/clusterrolebindings", BindingHandlers.ListAllClusterRoleBindingsAsync).WithTags("ClusterRoleBindings")
            .WithName("ListAllClusterRoleBindings").WithSummary("The ClusterRoleBindings of every cluster the caller holds a role on as a whole.");

        app.MapGet(ApiPaths.V1Alpha1 + "/rolesummary", RoleSummaryHandlers.RoleSummaryAsync).WithTags("Roles")
            .WithName("ListAllUserRoleSummary").WithSummary("The caller's DCE roles per cluster: on the whole cluster (clusterRoles) and per namespace (roles).");
        app.MapGet(ApiPaths.V1Alpha1 + "/globalroles", RoleSummaryHandlers.GlobalRolesAsync).WithTags("Roles")
            .WithName("ListGlobalRolesForCurrentUser").WithSummary("DCE's role templates the caller holds somewhere: cluster-admin, ns-admin, ns-editor, ns-viewer.");
        return app;
    }
}
