using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Workspaces: the leaves of the hierarchy, where resources live and workspace roles apply.</summary>
public static class WorkspacesApi
{
    private const string Resource = "workspaces";
    private static readonly ListSorting<Workspace> Sorting = new ListSorting<Workspace>("name", w => w.Name, w => w.Name).By("createdAt", w => w.CreatedAt);

    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/workspaces").WithTags("Workspaces");
        api.MapGet("", ListAsync).WithName("ListWorkspaces").WithSummary("Lists the workspaces the caller can see.");
        api.MapGet("/{workspaceId:int}", GetAsync).RequireWorkspaceAccess(Resource, "get").WithName("GetWorkspace").WithSummary("Gets a workspace.");
        api.MapPost("", CreateAsync).Audited("create", Resource).WithName("CreateWorkspace").WithSummary("Creates a workspace at the top level or in a folder.");
        api.MapPut("/{workspaceId:int}", UpdateAsync).Audited("update", Resource).RequireWorkspaceAccess(Resource, "update")
            .WithName("UpdateWorkspace").WithSummary("Changes a workspace's alias.");
        api.MapDelete("/{workspaceId:int}", DeleteAsync).Audited("delete", Resource).RequireWorkspaceAccess(Resource, "delete")
            .WithName("DeleteWorkspace").WithSummary("Deletes a workspace with its resource bindings, quotas and role bindings.");
        api.MapPost("/{workspaceId:int}/move", MoveAsync).Audited("move", Resource).RequireWorkspaceAccess(Resource, "update")
            .WithName("MoveWorkspace").WithSummary("Moves a workspace into another folder or to the top level.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<WorkspaceView>>, ValidationProblem>> ListAsync(
        HttpContext http, [AsParameters] ListQuery query, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (query.Validate(Sorting.Fields) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The list query is invalid.");
        }

        var visible = await services.Evaluator.VisibleWorkspacesAsync(http.User.UserId() ?? Guid.Empty, cancellationToken);
        var workspaces = services.Db.Workspaces.AsNoTracking();
        if (visible is not null)
        {
            workspaces = workspaces.Where(w => visible.Contains(w.Id));
        }

        var page = await workspaces.ToPageAsync(query, Sorting, cancellationToken);
        return TypedResults.Ok(new ListResponse<WorkspaceView>([.. page.Items.Select(WorkspaceView.Of)], page.Pagination));
    }

    internal static async Task<Results<Ok<WorkspaceView>, ProblemHttpResult>> GetAsync(int workspaceId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken) =>
        await services.Db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken) is { } workspace
            ? TypedResults.Ok(WorkspaceView.Of(workspace))
            : Problems.NotFound($"Workspace {workspaceId}");

    internal static async Task<Results<Created<WorkspaceView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, CreateWorkspaceRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("name", request.Name).Text("alias", request.Alias);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.RequireInFolderAsync(http, request.ParentFolderId, Resource, "create") is { } forbidden)
        {
            return forbidden;
        }

        if (request.ParentFolderId is { } parentId && !await services.Db.Folders.AnyAsync(f => f.Id == parentId, cancellationToken))
        {
            return Problems.NotFound($"Folder {parentId}");
        }

        if (await services.Db.Workspaces.AnyAsync(w => w.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A workspace named '{request.Name}' already exists; choose another name.");
        }

        var workspace = new Workspace { Name = request.Name!, Alias = request.Alias, FolderId = request.ParentFolderId, CreatedAt = services.Time.GetUtcNow() };
        services.Db.Workspaces.Add(workspace);
        services.Audit.Describe(workspace.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/workspaces/{workspace.Id}", WorkspaceView.Of(workspace));
    }

    internal static async Task<Results<Ok<WorkspaceView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int workspaceId, UpdateAliasRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text("alias", request.Alias);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken) is not { } workspace)
        {
            return Problems.NotFound($"Workspace {workspaceId}");
        }

        workspace.Alias = request.Alias;
        services.Audit.Describe(workspace.Name, workspace.Id);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Ok(WorkspaceView.Of(workspace));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int workspaceId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken) is not { } workspace)
        {
            return Problems.NotFound($"Workspace {workspaceId}");
        }

        services.Db.RoleBindings.RemoveRange(services.Db.RoleBindings.Where(b => b.Scope == RoleScope.Workspace && b.ScopeId == workspaceId));
        services.Db.Workspaces.Remove(workspace);
        services.Audit.Describe(workspace.Name, workspace.Id);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<WorkspaceView>, ProblemHttpResult>> MoveAsync(
        HttpContext http, int workspaceId, MoveRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (await services.RequireInFolderAsync(http, request.ParentFolderId, Resource, "create") is { } forbidden)
        {
            return forbidden;
        }

        if (await services.Db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken) is not { } workspace)
        {
            return Problems.NotFound($"Workspace {workspaceId}");
        }

        if (request.ParentFolderId is { } parentId && !await services.Db.Folders.AnyAsync(f => f.Id == parentId, cancellationToken))
        {
            return Problems.NotFound($"Folder {parentId}");
        }

        if (await services.Grants.RefuseMoveAsync(http.User.UserId(), RoleScope.Workspace, workspaceId, workspace.FolderId, request.ParentFolderId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        workspace.FolderId = request.ParentFolderId;
        services.Audit.Describe(workspace.Name, workspace.Id);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.Ok(WorkspaceView.Of(workspace));
    }
}
