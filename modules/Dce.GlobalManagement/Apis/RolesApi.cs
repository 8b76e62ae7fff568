using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Roles: the built-in ones, and custom roles made of permissions (module × resource type × action).</summary>
public static class RolesApi
{
    private const string Resource = "roles";
    private const int MaxPermissions = 64;

    public static IEndpointRouteBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/roles").WithTags("Roles");
        api.MapGet("", ListAsync).WithName("ListRoles").WithSummary("Lists every role with its permissions.");
        api.MapGet("/{name}", GetAsync).WithName("GetRole").WithSummary("Gets a role.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequirePlatformAccess(Resource, "create")
            .WithName("CreateRole").WithSummary("Creates a custom role for the platform, folders or workspaces.");
        api.MapPut("/{name}", UpdateAsync).Audited("update", Resource).RequirePlatformAccess(Resource, "update")
            .WithName("UpdateRole").WithSummary("Changes a custom role's description and permissions.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequirePlatformAccess(Resource, "delete")
            .WithName("DeleteRole").WithSummary("Deletes a custom role that nobody holds.");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<RoleView>>> ListAsync([AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var roles = await services.Db.Roles.AsNoTracking().OrderBy(r => r.Scope).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RoleView>>([.. roles.Select(RoleView.Of)]);
    }

    internal static async Task<Results<Ok<RoleView>, ProblemHttpResult>> GetAsync(string name, [AsParameters] HierarchyServices services, CancellationToken cancellationToken) =>
        await services.Db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, cancellationToken) is { } role
            ? TypedResults.Ok(RoleView.Of(role))
            : Problems.NotFound($"Role {name}");

    internal static async Task<Results<Created<RoleView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateRoleRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Name("name", request.Name)
            .Require(request.Scope is not null, "scope", "scope is Platform, Folder or Workspace.")
            .Text("description", request.Description, 1024);
        var permissions = ValidatePermissions(validation, request.Permissions);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Roles.AnyAsync(r => r.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A role named '{request.Name}' already exists; choose another name.");
        }

        var role = new Role { Name = request.Name!, Scope = request.Scope!.Value, Description = request.Description, Permissions = permissions, CreatedAt = services.Time.GetUtcNow() };
        if (await RefuseBeyondCreatorAsync(http, role, services, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        services.Db.Roles.Add(role);
        services.Audit.Describe(role.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/roles/{role.Name}", RoleView.Of(role));
    }

    internal static async Task<Results<Ok<RoleView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string name, UpdateRoleRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text("description", request.Description, 1024);
        var permissions = ValidatePermissions(validation, request.Permissions);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Roles.FirstOrDefaultAsync(r => r.Name == name, cancellationToken) is not { } role)
        {
            return Problems.NotFound($"Role {name}");
        }

        if (role.BuiltIn)
        {
            return Problems.Conflict($"Role {name} is built in and cannot be changed; create a custom role instead.");
        }

        var changed = new Role { Name = role.Name, Scope = role.Scope, Permissions = permissions };
        if (await RefuseBeyondCreatorAsync(http, changed, services, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        role.Description = request.Description ?? role.Description;
        role.Permissions = permissions;
        services.Audit.Describe(role.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.Ok(RoleView.Of(role));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Roles.FirstOrDefaultAsync(r => r.Name == name, cancellationToken) is not { } role)
        {
            return Problems.NotFound($"Role {name}");
        }

        if (role.BuiltIn)
        {
            return Problems.Conflict($"Role {name} is built in and cannot be deleted.");
        }

        if (await services.Db.RoleBindings.AnyAsync(b => b.RoleName == name, cancellationToken))
        {
            return Problems.Conflict($"Role {name} is still bound; revoke its bindings first.");
        }

        services.Db.Roles.Remove(role);
        services.Audit.Describe(role.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A custom role holds only what its author holds on the platform, so it never grants more than they could grant themselves.</summary>
    private static Task<ProblemHttpResult?> RefuseBeyondCreatorAsync(HttpContext http, Role role, HierarchyServices services, CancellationToken cancellationToken) =>
        services.Grants.RefuseAsync(http.User.UserId(), [role], RoleScope.Platform, null, cancellationToken);

    private static List<Permission> ValidatePermissions(Validation validation, IReadOnlyList<PermissionRequest>? requested)
    {
        validation.Require(requested is { Count: > 0 and <= MaxPermissions }, "permissions", $"permissions is a list of 1 to {MaxPermissions} entries.");
        var permissions = new List<Permission>();
        foreach (var permission in requested ?? [])
        {
            WildcardOrName(validation, "permissions.module", permission.Module);
            WildcardOrName(validation, "permissions.resourceType", permission.ResourceType);
            WildcardOrName(validation, "permissions.action", permission.Action);
            permissions.Add(new Permission(permission.Module ?? "", permission.ResourceType ?? "", permission.Action ?? ""));
        }

        return [.. permissions.Distinct()];
    }

    private static void WildcardOrName(Validation validation, string field, string? value)
    {
        if (value != Permission.Any)
        {
            validation.Name(field, value);
        }
    }
}
