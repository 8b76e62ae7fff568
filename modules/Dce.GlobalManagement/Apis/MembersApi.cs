using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Who holds which role on a folder or workspace: grant, revoke, list.</summary>
public static class MembersApi
{
    private const string Resource = "rolebindings";

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var folders = app.MapGroup(ApiPaths.V1Alpha1 + "/folders/{folderId:int}").WithTags("Folders");
        folders.MapGet("/members-roles", (int folderId, [AsParameters] HierarchyServices services, CancellationToken ct) => ListAsync(RoleScope.Folder, folderId, services, ct))
            .RequireFolderAccess(Resource, "list").WithName("ListFolderMembersRoles").WithSummary("Lists who holds which role on a folder.");
        folders.MapPost("/authorize", (int folderId, AuthorizeRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken ct) => AuthorizeAsync(RoleScope.Folder, folderId, request, http, services, ct))
            .Audited("authorize", Resource).RequireFolderAccess(Resource, "create").WithName("AuthorizeOnFolder").WithSummary("Grants a folder role to a user or group.");
        folders.MapPut("/deauthorize", (int folderId, AuthorizeRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken ct) => DeauthorizeAsync(RoleScope.Folder, folderId, request, http, services, ct))
            .Audited("deauthorize", Resource).RequireFolderAccess(Resource, "delete").WithName("DeauthorizeOnFolder").WithSummary("Revokes a folder role from a user or group.");

        var workspaces = app.MapGroup(ApiPaths.V1Alpha1 + "/workspaces/{workspaceId:int}").WithTags("Workspaces");
        workspaces.MapGet("/members-roles", (int workspaceId, [AsParameters] HierarchyServices services, CancellationToken ct) => ListAsync(RoleScope.Workspace, workspaceId, services, ct))
            .RequireWorkspaceAccess(Resource, "list").WithName("ListWorkspaceMembersRoles").WithSummary("Lists who holds which role on a workspace.");
        workspaces.MapPost("/authorize", (int workspaceId, AuthorizeRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken ct) => AuthorizeAsync(RoleScope.Workspace, workspaceId, request, http, services, ct))
            .Audited("authorize", Resource).RequireWorkspaceAccess(Resource, "create").WithName("AuthorizeOnWorkspace").WithSummary("Grants a workspace role to a user or group.");
        workspaces.MapPut("/deauthorize", (int workspaceId, AuthorizeRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken ct) => DeauthorizeAsync(RoleScope.Workspace, workspaceId, request, http, services, ct))
            .Audited("deauthorize", Resource).RequireWorkspaceAccess(Resource, "delete").WithName("DeauthorizeOnWorkspace").WithSummary("Revokes a workspace role from a user or group.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<MemberRoleView>>, ProblemHttpResult>> ListAsync(RoleScope scope, int scopeId, HierarchyServices services, CancellationToken cancellationToken)
    {
        if (!await ScopeExistsAsync(scope, scopeId, services, cancellationToken))
        {
            return Problems.NotFound($"{scope} {scopeId}");
        }

        var bindings = await services.Db.RoleBindings.AsNoTracking().Where(b => b.Scope == scope && b.ScopeId == scopeId).ToListAsync(cancellationToken);
        var ids = bindings.Select(b => b.SubjectId).ToList();
        var names = await services.Db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name })
            .Concat(services.Db.Groups.Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, g.Name }))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberRoleView>>(
            [.. bindings.Select(b => new MemberRoleView(b.SubjectKind, b.SubjectId, names.GetValueOrDefault(b.SubjectId, ""), b.RoleName)).OrderBy(m => m.SubjectName)]);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AuthorizeAsync(
        RoleScope scope, int scopeId, AuthorizeRequest request, HttpContext http, HierarchyServices services, CancellationToken cancellationToken)
    {
        var (invalid, problem) = await ValidateAsync(scope, scopeId, request, http, services, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (problem is not null)
        {
            return problem;
        }

        services.Audit.Describe($"{request.RoleName}:{request.SubjectKind}:{request.SubjectId}", scope == RoleScope.Workspace ? scopeId : null);
        var exists = await services.Db.RoleBindings.AnyAsync(b => b.Scope == scope && b.ScopeId == scopeId
            && b.SubjectKind == request.SubjectKind && b.SubjectId == request.SubjectId && b.RoleName == request.RoleName, cancellationToken);
        if (!exists)
        {
            services.Db.RoleBindings.Add(new RoleBinding
            {
                SubjectKind = request.SubjectKind!.Value,
                SubjectId = request.SubjectId!.Value,
                RoleName = request.RoleName!,
                Scope = scope,
                ScopeId = scopeId,
                CreatedAt = services.Time.GetUtcNow(),
            });
        }

        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeauthorizeAsync(
        RoleScope scope, int scopeId, AuthorizeRequest request, HttpContext http, HierarchyServices services, CancellationToken cancellationToken)
    {
        var (invalid, problem) = await ValidateAsync(scope, scopeId, request, http, services, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (problem is not null)
        {
            return problem;
        }

        var binding = await services.Db.RoleBindings.FirstOrDefaultAsync(b => b.Scope == scope && b.ScopeId == scopeId
            && b.SubjectKind == request.SubjectKind && b.SubjectId == request.SubjectId && b.RoleName == request.RoleName, cancellationToken);
        if (binding is null)
        {
            return Problems.NotFound($"Binding of role {request.RoleName} to {request.SubjectKind} {request.SubjectId} on {scope} {scopeId}");
        }

        services.Db.RoleBindings.Remove(binding);
        var revoked = request.SubjectKind == SubjectKind.User ? await services.Revocation.RevokeAsync(request.SubjectId!.Value, cancellationToken) : null;
        services.Audit.Describe($"{request.RoleName}:{request.SubjectKind}:{request.SubjectId}", scope == RoleScope.Workspace ? scopeId : null);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        if (revoked is not null)
        {
            await services.Revocation.PublishAsync(revoked);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The request names an existing subject and a role of the scope, and the caller could grant that role there.</summary>
    private static async Task<(ValidationProblem? Invalid, ProblemHttpResult? Problem)> ValidateAsync(
        RoleScope scope, int scopeId, AuthorizeRequest request, HttpContext http, HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.SubjectKind is not null, "subjectKind", "subjectKind is User or Group.")
            .Require(request.SubjectId is not null, "subjectId", "subjectId is the id of the user or group.")
            .Name("roleName", request.RoleName);
        if (!validation.IsValid)
        {
            return (validation.Problem(), null);
        }

        if (!await ScopeExistsAsync(scope, scopeId, services, cancellationToken))
        {
            return (null, Problems.NotFound($"{scope} {scopeId}"));
        }

        var subjectExists = request.SubjectKind == SubjectKind.User
            ? await services.Db.Users.AnyAsync(u => u.Id == request.SubjectId, cancellationToken)
            : await services.Db.Groups.AnyAsync(g => g.Id == request.SubjectId, cancellationToken);
        if (!subjectExists)
        {
            return (null, Problems.NotFound($"{request.SubjectKind} {request.SubjectId}"));
        }

        var role = await services.Db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Name == request.RoleName, cancellationToken);
        if (role is null || role.Scope != scope)
        {
            return (new Validation().Require(false, "roleName", $"roleName must name a {scope.ToString().ToLowerInvariant()} role.").Problem(), null);
        }

        return (null, await services.Grants.RefuseAsync(http.User.UserId(), [role], scope, scopeId, cancellationToken));
    }

    private static Task<bool> ScopeExistsAsync(RoleScope scope, int scopeId, HierarchyServices services, CancellationToken cancellationToken) =>
        scope == RoleScope.Folder
            ? services.Db.Folders.AnyAsync(f => f.Id == scopeId, cancellationToken)
            : services.Db.Workspaces.AnyAsync(w => w.Id == scopeId, cancellationToken);
}
