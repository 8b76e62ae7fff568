using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>RoleBindings of a namespace and ClusterRoleBindings of a cluster: create, delete, and lists across clusters.</summary>
internal static class BindingHandlers
{
    public static async Task<IResult> CreateRoleBindingAsync([AsParameters] TargetCluster cluster, string @namespace, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (binding, problem) = BindingBody.Read(RbacApi.RoleBindingKind, body, @namespace);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var name = binding!["metadata"]!["name"]!.ToString();
        if (await BindingBody.RulesAsync(client, binding, @namespace, cancellationToken) is not { } rules)
        {
            return RoleMissing(binding, @namespace);
        }

        if (await GrantCeiling.RefuseBeyondAsync(http, client, cluster.Name, @namespace, rules, $"RoleBinding {name} to {binding["roleRef"]!["kind"]} {binding["roleRef"]!["name"]}",
                cancellationToken) is { } beyond)
        {
            return beyond;
        }

        var created = await ResourceClient.CreateAsync(client, RbacApi.RoleBindingKind.Kind, @namespace, binding, cancellationToken);
        ResourceHandlers.Changed(record, RbacApi.RoleBindingKind, cluster.Name, @namespace, name, "created");
        return DceJson.Ok(RbacShape.ToDce(ResourceHandlers.Stamp(created, cluster.Name)));
    }

    // The route already requires a role on the whole cluster, which holds every right there: such a caller grants nothing beyond it.
    public static async Task<IResult> CreateClusterRoleBindingAsync([AsParameters] TargetCluster cluster, JsonElement body, MutationRecord record, CancellationToken cancellationToken)
    {
        var (binding, problem) = BindingBody.Read(RbacApi.ClusterRoleBindingKind, body, null);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        if (await BindingBody.RulesAsync(client, binding!, null, cancellationToken) is null)
        {
            return RoleMissing(binding!, null);
        }

        var name = binding!["metadata"]!["name"]!.ToString();
        var created = await ResourceClient.CreateAsync(client, RbacApi.ClusterRoleBindingKind.Kind, null, binding, cancellationToken);
        ResourceHandlers.Changed(record, RbacApi.ClusterRoleBindingKind, cluster.Name, null, name, "created");
        return DceJson.Ok(RbacShape.ToDce(ResourceHandlers.Stamp(created, cluster.Name)));
    }

    public static async Task<IResult> DeleteRoleBindingAsync([AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken)
    {
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.RoleBindings, @namespace, name, cancellationToken);
        ResourceHandlers.Changed(record, RbacApi.RoleBindingKind, cluster.Name, @namespace, name, "deleted");
        return DceJson.Empty();
    }

    public static async Task<IResult> DeleteClusterRoleBindingAsync([AsParameters] TargetCluster cluster, string name, MutationRecord record, CancellationToken cancellationToken)
    {
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.ClusterRoleBindings, null, name, cancellationToken);
        ResourceHandlers.Changed(record, RbacApi.ClusterRoleBindingKind, cluster.Name, null, name, "deleted");
        return DceJson.Empty();
    }

    public static Task<IResult> ListAllRoleBindingsAsync([AsParameters] ObjectPage page, string[]? cluster, string[]? @namespace, string? roleRef, HttpContext http,
        ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        ListAcrossClustersAsync(RbacApi.RoleBindingKind, page, cluster, @namespace, roleRef, http, db, scopes, cancellationToken);

    public static Task<IResult> ListAllClusterRoleBindingsAsync([AsParameters] ObjectPage page, string[]? cluster, string? roleRef, HttpContext http,
        ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        ListAcrossClustersAsync(RbacApi.ClusterRoleBindingKind, page, cluster, null, roleRef, http, db, scopes, cancellationToken);

    /// <summary>Every cluster the caller may list the kind in (or those named), read at once; a cluster that cannot answer is left out.</summary>
    private static async Task<IResult> ListAcrossClustersAsync(ServedResource served, ObjectPage page, string[]? clusters, string[]? namespaces, string? roleRef,
        HttpContext http, ContainerManagementDbContext db, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", served.Permission);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(served.Kind.Namespaced ? scope.TouchesCluster : scope.CoversCluster)
            .Where(n => clusters is not { Length: > 0 } || clusters.Contains(n, StringComparer.Ordinal)).ToList();
        var bindings = await ClusterFanOut.ReadAsync(scopes, wanted, async (connection, _) =>
        {
            var name = connection.Cluster.Name;
            var items = await ResourceClient.ListAsync(connection.Client, served.Kind, null, page.LabelSelector, page.FieldSelector, cancellationToken);
            return ResourceHandlers.Stamped(items, name).Where(o => Visible(o, name, scope, served, namespaces, roleRef));
        }, cancellationToken);
        return DceJson.Ok(page.Of(bindings.Select(RbacShape.ToDce)));
    }

    private static bool Visible(JsonObject binding, string cluster, ClusterScope scope, ServedResource served, string[]? namespaces, string? roleRef)
    {
        var ns = binding["metadata"]?["namespace"]?.ToString() ?? "";
        return (!served.Kind.Namespaced || scope.CoversNamespace(cluster, ns))
            && (namespaces is not { Length: > 0 } || namespaces.Contains(ns, StringComparer.Ordinal))
            && (string.IsNullOrEmpty(roleRef) || binding["roleRef"]?["name"]?.ToString() == roleRef);
    }

    private static IResult RoleMissing(JsonObject binding, string? ns)
    {
        var kind = binding["roleRef"]!["kind"]!.ToString();
        var where = kind == "Role" ? $" in namespace {ns}" : "";
        return new Validation().Require(false, "roleRef.name", $"There is no {kind} {binding["roleRef"]!["name"]}{where} to bind.").Problem();
    }
}
