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
        api.MapPost("/{cluster}:bind", (string cluster, BindToWorkspaceRequest request, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken ct) =>
                BindAsync(cluster, null, request.WorkspaceId, bind: true, gm, db, ct))
            .WithName("BindClusterToWorkspace").WithSummary("Shares a whole cluster with a workspace.");
        api.MapDelete("/{cluster}:unbind", (string cluster, int? workspaceId, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken ct) =>
                BindAsync(cluster, null, workspaceId, bind: false, gm, db, ct))
            .WithName("UnbindClusterFromWorkspace").WithSummary("Stops sharing a cluster with a workspace.");
        api.MapPost("/{cluster}/namespaces/{name}:bind", (string cluster, string name, BindToWorkspaceRequest request, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken ct) =>
                BindAsync(cluster, name, request.WorkspaceId, bind: true, gm, db, ct))
            .WithName("BindNamespaceToWorkspace").WithSummary("Gives a namespace to one workspace.");
        api.MapDelete("/{cluster}/namespaces/{name}:unbind", (string cluster, string name, int? workspaceId, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken ct) =>
                BindAsync(cluster, name, workspaceId, bind: false, gm, db, ct))
            .WithName("UnbindNamespaceFromWorkspace").WithSummary("Takes a namespace back from its workspace.");
        return app;
    }

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
