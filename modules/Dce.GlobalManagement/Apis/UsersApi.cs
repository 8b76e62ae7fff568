using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Users: create, edit, enable or disable, delete, reset the password, bind platform roles.</summary>
public static class UsersApi
{
    private const string Resource = "users";
    private static readonly ListSorting<User> Sorting = new ListSorting<User>("name", u => u.Name, u => u.Name)
        .By("createdAt", u => u.CreatedAt);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/users").WithTags("Users");
        api.MapGet("", ListAsync).RequirePlatformAccess(Resource, "list").WithName("ListUsers").WithSummary("Lists users.");
        api.MapGet("/{id:guid}", GetAsync).RequirePlatformAccess(Resource, "get").WithName("GetUser").WithSummary("Gets a user.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequirePlatformAccess(Resource, "create")
            .WithName("CreateUser").WithSummary("Creates a user with a password that meets the password policy.");
        api.MapPut("/{id:guid}", UpdateAsync).Audited("update", Resource).RequirePlatformAccess(Resource, "update")
            .WithName("UpdateUser").WithSummary("Changes a user's e-mail, description, or enables or disables it.");
        api.MapDelete("/{id:guid}", DeleteAsync).Audited("delete", Resource).RequirePlatformAccess(Resource, "delete")
            .WithName("DeleteUser").WithSummary("Deletes a user; its tokens stop working at once.");
        api.MapPut("/{id:guid}/password", SetPasswordAsync).Audited("reset-password", Resource).RequirePlatformAccess(Resource, "update")
            .WithName("SetUserPassword").WithSummary("Resets a user's password (administrators), revokes its tokens, refresh tokens and access keys, and unlocks the account.");
        api.MapGet("/{id:guid}/roles", UserRolesApi.ListAsync).RequirePlatformAccess(Resource, "get")
            .WithName("ListUserRoles").WithSummary("Lists the platform roles bound to a user.");
        api.MapPut("/{id:guid}/roles", UserRolesApi.UpdateAsync).Audited("update-roles", Resource).RequirePlatformAccess("rolebindings", "update")
            .WithName("UpdateUserRoles").WithSummary("Replaces the platform roles bound to a user.");
        api.MapGet("/{id:guid}/groups", UserRolesApi.ListGroupsAsync).RequirePlatformAccess(Resource, "get")
            .WithName("ListUserGroups").WithSummary("Lists the groups a user belongs to.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<UserView>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery query, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (query.Validate(Sorting.Fields) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The list query is invalid.");
        }

        var page = await services.Db.Users.AsNoTracking().ToPageAsync(query, Sorting, cancellationToken);
        return TypedResults.Ok(new ListResponse<UserView>([.. page.Items.Select(UserView.Of)], page.Pagination));
    }

    internal static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken) =>
        await services.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user
            ? TypedResults.Ok(UserView.Of(user))
            : Problems.NotFound($"User {id}");

    internal static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Name("name", request.Name)
            .Email("email", request.Email)
            .Text("description", request.Description, 1024);
        if (validation.IsValid && services.Policy.Check(request.Password, request.Name!) is { } weak)
        {
            validation.Require(false, "password", weak);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Users.AnyAsync(u => u.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A user named '{request.Name}' already exists; choose another name.");
        }

        var now = services.Time.GetUtcNow();
        var user = new User
        {
            Name = request.Name!,
            Email = request.Email,
            Description = request.Description,
            Enabled = request.Enabled ?? true,
            PasswordHash = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = services.Passwords.Hash(user, request.Password!);
        services.Db.Users.Add(user);
        services.Audit.Describe(user.Name);
        try
        {
            await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"A user named '{request.Name}' already exists; choose another name.");
        }

        await services.Stamps.PublishAsync(user);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/users/{user.Id}", UserView.Of(user));
    }

    internal static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        HttpContext http, Guid id, UpdateUserRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("email", request.Email).Text("description", request.Description, 1024);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (request.Enabled == false && http.User.UserId() == id)
        {
            return Problems.Conflict("You cannot disable your own account; ask another administrator.");
        }

        if (await services.Db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.NotFound($"User {id}");
        }

        if (request.Enabled is { } change && change != user.Enabled
            && await services.Grants.RefuseActingOnUserAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        user.Email = request.Email ?? user.Email;
        user.Description = request.Description ?? user.Description;
        if (request.Enabled is { } enabled && enabled != user.Enabled)
        {
            user.Enabled = enabled;
            await services.Revocation.RevokeAsync(user, cancellationToken);
        }

        user.UpdatedAt = services.Time.GetUtcNow();
        services.Audit.Describe(user.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);

        // Published on every update, so retrying an update whose publish failed repairs the mirror.
        await services.Revocation.PublishAsync(user);
        return TypedResults.Ok(UserView.Of(user));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext http, Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (http.User.UserId() == id)
        {
            return Problems.Conflict("You cannot delete your own account; ask another administrator.");
        }

        if (await services.Db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.NotFound($"User {id}");
        }

        if (await services.Grants.RefuseActingOnUserAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        // Stamp removed first: from here on the user's tokens fail, even if the delete below is retried.
        await services.Stamps.RemoveAsync(id);
        services.Db.RoleBindings.RemoveRange(services.Db.RoleBindings.Where(b => b.SubjectKind == SubjectKind.User && b.SubjectId == id));
        services.Db.Users.Remove(user);
        services.Audit.Describe(user.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        HttpContext http, Guid id, SetPasswordRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.NotFound($"User {id}");
        }

        if (await services.Grants.RefuseActingOnUserAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (services.Policy.Check(request.Password, user.Name) is { } weak)
        {
            return new Validation().Require(false, "password", weak).Problem();
        }

        // The new stamp also starts the user's lockout counters afresh.
        user.PasswordHash = services.Passwords.Hash(user, request.Password!);
        user.UpdatedAt = services.Time.GetUtcNow();
        await services.Revocation.RevokeAsync(user, cancellationToken);
        services.Audit.Describe(user.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Revocation.PublishAsync(user);
        return TypedResults.NoContent();
    }
}
