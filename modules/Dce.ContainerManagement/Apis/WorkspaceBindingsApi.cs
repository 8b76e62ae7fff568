using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Binds clusters and namespaces to workspaces, at DCE's kpanda paths. Global Management owns the bindings, decides
/// whether the caller may bind in the workspace and audits the change; this module checks the cluster exists.
/// </summary>
public static class WorkspaceBindingsApi
{
    public static IEndpointRouteBuilder MapWorkspaceBindingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters").WithTags("Workspaces");
        api.MapPost("/{cluster}:bind", BindClusterAsync).WithName("BindClusterToWorkspace").WithSummary("Shares a whole cluster with a workspace.");
        api.MapDelete("/{cluster}:unbind", UnbindClusterAsync).WithName("UnbindClusterFromWorkspace").WithSummary("Stops sharing a cluster with a workspace.");
        api.MapPost("/{cluster}/namespaces/{name}:bind", BindNamespaceAsync).WithName("BindNamespaceToWorkspace").WithSummary("Gives a namespace to one workspace.");
        api.MapDelete("/{cluster}/namespaces/{name}:unbind", UnbindNamespaceAsync).WithName("UnbindNamespaceFromWorkspace").WithSummary("Takes a namespace back from its workspace.");
        return app;
    }

    internal static Task<IResult> BindClusterAsync(
        [AsParameters] TargetCluster cluster, BindToWorkspaceRequest request, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        BindAsync(cluster.Name, null, request.WorkspaceId, bind: true, gm, db, cancellationToken);

    internal static Task<IResult> UnbindClusterAsync(
        [AsParameters] TargetCluster cluster, int? workspaceId, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        BindAsync(cluster.Name, null, workspaceId, bind: false, gm, db, cancellationToken);

    internal static Task<IResult> BindNamespaceAsync(
        [AsParameters] TargetCluster cluster, string name, BindToWorkspaceRequest request, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        BindAsync(cluster.Name, name, request.WorkspaceId, bind: true, gm, db, cancellationToken);

    internal static Task<IResult> UnbindNamespaceAsync(
        [AsParameters] TargetCluster cluster, string name, int? workspaceId, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        BindAsync(cluster.Name, name, workspaceId, bind: false, gm, db, cancellationToken);

    private static async Task<IResult> BindAsync(string cluster, string? ns, int? workspaceId, bool bind, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken)
    {
        if (workspaceId is not > 0)
        {
            return new Validation().Require(false, "workspaceId", "workspaceId is required: the id of the workspace.").Problem();
        }

        if (!await db.Clusters.AnyAsync(c => c.Name == cluster, cancellationToken))
        {
            return Problems.NotFound($"Cluster {cluster}");
        }

        return bind
            ? await gm.BindResourceAsync(workspaceId.Value, cluster, ns, cancellationToken)
            : await gm.UnbindResourceAsync(workspaceId.Value, cluster, ns, cancellationToken);
    }
}
