using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Folders: a tree up to five levels deep whose leaves are workspaces; roles bound on a folder reach everything below.</summary>
public static class FoldersApi
{
    private const string Resource = "folders";

    public static IEndpointRouteBuilder MapFoldersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1).WithTags("Folders");
        api.MapGet("/folders", ListAsync).RequirePlatformAccess(Resource, "list").WithName("ListFolders").WithSummary("Lists every folder.");
        api.MapGet("/folders-tree", TreeAsync).RequirePlatformAccess(Resource, "list").WithName("ListFolderTree").WithSummary("The whole hierarchy: folders and their workspaces.");
        api.MapGet("/folders/{folderId:int}", GetAsync).RequireFolderAccess(Resource, "get").WithName("GetFolder").WithSummary("Gets a folder.");
        api.MapPost("/folders", CreateAsync).Audited("create", Resource).WithName("CreateFolder").WithSummary("Creates a folder at the top level or inside another (at most five levels).");
        api.MapPut("/folders/{folderId:int}", UpdateAsync).Audited("update", Resource).RequireFolderAccess(Resource, "update")
            .WithName("UpdateFolder").WithSummary("Changes a folder's alias.");
        api.MapDelete("/folders/{folderId:int}", DeleteAsync).Audited("delete", Resource).RequireFolderAccess(Resource, "delete")
            .WithName("DeleteFolder").WithSummary("Deletes an empty folder.");
        api.MapPost("/folders/{folderId:int}/move", MoveAsync).Audited("move", Resource).RequireFolderAccess(Resource, "update")
            .WithName("MoveFolder").WithSummary("Moves a folder, with everything in it, under another folder or to the top level.");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<FolderView>>> ListAsync([AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var folders = await services.Db.Folders.AsNoTracking().OrderBy(f => f.Depth).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FolderView>>([.. folders.Select(FolderView.Of)]);
    }

    internal static async Task<Ok<IReadOnlyList<FolderTreeNode>>> TreeAsync([AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var folders = await services.Db.Folders.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var workspaces = await services.Db.Workspaces.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        FolderTreeNode Node(Folder folder) => new(folder.Id, folder.Name, folder.Alias,
            [.. folders.Where(f => f.ParentId == folder.Id).Select(Node)],
            [.. workspaces.Where(w => w.FolderId == folder.Id).Select(WorkspaceView.Of)]);
        return TypedResults.Ok<IReadOnlyList<FolderTreeNode>>([.. folders.Where(f => f.ParentId is null).Select(Node)]);
    }

    internal static async Task<Results<Ok<FolderView>, ProblemHttpResult>> GetAsync(int folderId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken) =>
        await services.Db.Folders.AsNoTracking().FirstOrDefaultAsync(f => f.Id == folderId, cancellationToken) is { } folder
            ? TypedResults.Ok(FolderView.Of(folder))
            : Problems.NotFound($"Folder {folderId}");

    internal static async Task<Results<Created<FolderView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, CreateFolderRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
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

        var depth = 1;
        if (request.ParentFolderId is { } parentId)
        {
            if (await services.Db.Folders.AsNoTracking().FirstOrDefaultAsync(f => f.Id == parentId, cancellationToken) is not { } parent)
            {
                return Problems.NotFound($"Folder {parentId}");
            }

            depth = parent.Depth + 1;
            if (depth > Folder.MaxDepth)
            {
                return new Validation().Require(false, "parentFolderId", $"Folders nest at most {Folder.MaxDepth} levels; choose a parent higher up.").Problem();
            }
        }

        if (await services.Db.Folders.AnyAsync(f => f.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A folder named '{request.Name}' already exists; choose another name.");
        }

        var folder = new Folder { Name = request.Name!, Alias = request.Alias, ParentId = request.ParentFolderId, Depth = depth, CreatedAt = services.Time.GetUtcNow() };
        services.Db.Folders.Add(folder);
        services.Audit.Describe(folder.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/folders/{folder.Id}", FolderView.Of(folder));
    }

    internal static async Task<Results<Ok<FolderView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int folderId, UpdateAliasRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text("alias", request.Alias);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Folders.FirstOrDefaultAsync(f => f.Id == folderId, cancellationToken) is not { } folder)
        {
            return Problems.NotFound($"Folder {folderId}");
        }

        folder.Alias = request.Alias;
        services.Audit.Describe(folder.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Ok(FolderView.Of(folder));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int folderId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Folders.FirstOrDefaultAsync(f => f.Id == folderId, cancellationToken) is not { } folder)
        {
            return Problems.NotFound($"Folder {folderId}");
        }

        if (await services.Db.Folders.AnyAsync(f => f.ParentId == folderId, cancellationToken) || await services.Db.Workspaces.AnyAsync(w => w.FolderId == folderId, cancellationToken))
        {
            return Problems.Conflict($"Folder {folder.Name} still holds folders or workspaces; move or delete them first.");
        }

        services.Db.RoleBindings.RemoveRange(services.Db.RoleBindings.Where(b => b.Scope == RoleScope.Folder && b.ScopeId == folderId));
        services.Db.Folders.Remove(folder);
        services.Audit.Describe(folder.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<FolderView>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        HttpContext http, int folderId, MoveRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (await services.RequireInFolderAsync(http, request.ParentFolderId, Resource, "create") is { } forbidden)
        {
            return forbidden;
        }

        var folders = await services.Db.Folders.ToListAsync(cancellationToken);
        if (folders.FirstOrDefault(f => f.Id == folderId) is not { } folder)
        {
            return Problems.NotFound($"Folder {folderId}");
        }

        var subtree = Subtree(folders, folder);
        var newParent = request.ParentFolderId is { } parentId ? folders.FirstOrDefault(f => f.Id == parentId) : null;
        if (request.ParentFolderId is not null && newParent is null)
        {
            return Problems.NotFound($"Folder {request.ParentFolderId}");
        }

        if (newParent is not null && subtree.Contains(newParent))
        {
            return new Validation().Require(false, "parentFolderId", "A folder cannot move into itself or a folder below it.").Problem();
        }

        var shift = (newParent?.Depth ?? 0) + 1 - folder.Depth;
        if (subtree.Max(f => f.Depth) + shift > Folder.MaxDepth)
        {
            return new Validation().Require(false, "parentFolderId", $"The move would nest folders deeper than {Folder.MaxDepth} levels; choose a parent higher up.").Problem();
        }

        if (await services.Grants.RefuseMoveAsync(http.User.UserId(), RoleScope.Folder, folderId, folder.ParentId, newParent?.Id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        folder.ParentId = newParent?.Id;
        subtree.ForEach(f => f.Depth += shift);
        services.Audit.Describe(folder.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.Ok(FolderView.Of(folder));
    }

    private static List<Folder> Subtree(List<Folder> folders, Folder root)
    {
        var result = new List<Folder> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(folders.Where(f => f.ParentId == result[i].Id));
        }

        return result;
    }
}
