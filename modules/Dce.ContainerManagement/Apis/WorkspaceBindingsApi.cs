using System.Text.Json;
using Dce.Platform.Contracts.DceApi;
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

    internal static async Task<IResult> UnbindClusterAsync(
        [AsParameters] TargetCluster cluster, int? workspaceId, HttpContext http, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        await BindAsync(cluster.Name, null, workspaceId ?? await WorkspaceIdOfBodyAsync(http.Request, cancellationToken), bind: false, gm, db, cancellationToken);

    internal static Task<IResult> BindNamespaceAsync(
        [AsParameters] TargetCluster cluster, string name, BindToWorkspaceRequest request, GlobalManagementClient gm, ContainerManagementDbContext db, CancellationToken cancellationToken) =>
        BindAsync(cluster.Name, name, request.WorkspaceId, bind: true, gm, db, cancellationToken);

    internal static async Task<IResult> UnbindNamespaceAsync(
        [AsParameters] TargetCluster cluster, string name, int? workspaceId, HttpContext http, GlobalManagementClient gm, ContainerManagementDbContext db,
        CancellationToken cancellationToken) =>
        await BindAsync(cluster.Name, name, workspaceId ?? await WorkspaceIdOfBodyAsync(http.Request, cancellationToken), bind: false, gm, db, cancellationToken);

    /// <summary>DCE's unbind names the workspace in the body (<c>{"workspaceId": 3}</c>); the module's in the query.</summary>
    private static async Task<int?> WorkspaceIdOfBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 or > 4096 || request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<BindToWorkspaceRequest>(request.Body, JsonOptions, cancellationToken);
            return body?.WorkspaceId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

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

        var answer = bind
            ? await gm.BindResourceAsync(workspaceId.Value, cluster, ns, cancellationToken)
            : await gm.UnbindResourceAsync(workspaceId.Value, cluster, ns, cancellationToken);
        return answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 and var code }
            ? new DceJson(new System.Text.Json.Nodes.JsonObject(), code == StatusCodes.Status204NoContent ? StatusCodes.Status200OK : code)
            : answer;
    }
}
