using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Groups: their members inherit every role bound to the group.</summary>
public static class GroupsApi
{
    private const string Resource = "groups";
    private static readonly ListSorting<Group> Sorting = new ListSorting<Group>("name", g => g.Name, g => g.Name).By("createdAt", g => g.CreatedAt);

    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/groups").WithTags("Groups");
        api.MapGet("", ListAsync).RequirePlatformAccess(Resource, "list").WithName("ListGroups").WithSummary("Lists groups.");
        api.MapGet("/{id:guid}", GetAsync).RequirePlatformAccess(Resource, "get").WithName("GetGroup").WithSummary("Gets a group.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequirePlatformAccess(Resource, "create").WithName("CreateGroup").WithSummary("Creates a group.");
        api.MapPut("/{id:guid}", UpdateAsync).Audited("update", Resource).RequirePlatformAccess(Resource, "update").WithName("UpdateGroup").WithSummary("Changes a group's description.");
        api.MapDelete("/{id:guid}", DeleteAsync).Audited("delete", Resource).RequirePlatformAccess(Resource, "delete").WithName("DeleteGroup").WithSummary("Deletes a group and its role bindings.");
        api.MapGet("/{id:guid}/members", ListMembersAsync).RequirePlatformAccess(Resource, "get").WithName("ListGroupMembers").WithSummary("Lists a group's members.");
        api.MapPost("/{id:guid}/members/{userId:guid}", AddMemberAsync).Audited("add-member", Resource).RequirePlatformAccess(Resource, "update")
            .WithName("AddUserToGroup").WithSummary("Adds a user to a group.");
        api.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync).Audited("remove-member", Resource).RequirePlatformAccess(Resource, "update")
            .WithName("DeleteUserFromGroup").WithSummary("Removes a user from a group.");
        api.MapGet("/{id:guid}/roles", ListRolesAsync).RequirePlatformAccess(Resource, "get").WithName("ListGroupRoles").WithSummary("Lists the platform roles bound to a group.");
        api.MapPut("/{id:guid}/roles", UpdateRolesAsync).Audited("update-roles", Resource).RequirePlatformAccess("rolebindings", "update")
            .WithName("UpdateGroupRoles").WithSummary("Replaces the platform roles bound to a group.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<GroupView>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery query, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (query.Validate(Sorting.Fields) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The list query is invalid.");
        }

        var page = await services.Db.Groups.AsNoTracking().ToPageAsync(query, Sorting, cancellationToken);
        var ids = page.Items.Select(g => g.Id).ToList();
        var counts = await services.Db.GroupMembers.Where(m => ids.Contains(m.GroupId)).GroupBy(m => m.GroupId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(new ListResponse<GroupView>(
            [.. page.Items.Select(g => new GroupView(g.Id, g.Name, g.Description, counts.GetValueOrDefault(g.Id), g.CreatedAt))], page.Pagination));
    }

    internal static async Task<Results<Ok<GroupView>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken) =>
        await services.Db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new GroupView(g.Id, g.Name, g.Description, services.Db.GroupMembers.Count(m => m.GroupId == g.Id), g.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken) is { } group
            ? TypedResults.Ok(group)
            : Problems.NotFound($"Group {id}");

    internal static async Task<Results<Created<GroupView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateGroupRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("name", request.Name).Text("description", request.Description, 1024);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Groups.AnyAsync(g => g.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A group named '{request.Name}' already exists; choose another name.");
        }

        var now = services.Time.GetUtcNow();
        var group = new Group { Name = request.Name!, Description = request.Description, CreatedAt = now, UpdatedAt = now };
        services.Db.Groups.Add(group);
        services.Audit.Describe(group.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/groups/{group.Id}", new GroupView(group.Id, group.Name, group.Description, 0, group.CreatedAt));
    }

    internal static async Task<Results<Ok<GroupView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateGroupRequest request, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text("description", request.Description, 1024);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } group)
        {
            return Problems.NotFound($"Group {id}");
        }

        group.Description = request.Description;
        group.UpdatedAt = services.Time.GetUtcNow();
        services.Audit.Describe(group.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        var members = await services.Db.GroupMembers.CountAsync(m => m.GroupId == id, cancellationToken);
        return TypedResults.Ok(new GroupView(group.Id, group.Name, group.Description, members, group.CreatedAt));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } group)
        {
            return Problems.NotFound($"Group {id}");
        }

        if (await services.Grants.RefuseGroupAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        services.Db.RoleBindings.RemoveRange(services.Db.RoleBindings.Where(b => b.SubjectKind == SubjectKind.Group && b.SubjectId == id));
        services.Db.Groups.Remove(group);
        services.Audit.Describe(group.Name);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<IReadOnlyList<UserView>>, ProblemHttpResult>> ListMembersAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Groups.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return Problems.NotFound($"Group {id}");
        }

        var users = await services.Db.Users.AsNoTracking()
            .Where(u => services.Db.GroupMembers.Any(m => m.GroupId == id && m.UserId == u.Id))
            .OrderBy(u => u.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UserView>>([.. users.Select(UserView.Of)]);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AddMemberAsync(Guid id, Guid userId, HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } group)
        {
            return Problems.NotFound($"Group {id}");
        }

        if (!await services.Db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Problems.NotFound($"User {userId}");
        }

        if (await services.Grants.RefuseGroupAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        services.Audit.Describe(group.Name);
        if (!await services.Db.GroupMembers.AnyAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken))
        {
            services.Db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
        }

        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid id, Guid userId, HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken) is not { } member)
        {
            return Problems.NotFound($"Membership of user {userId} in group {id}");
        }

        if (await services.Grants.RefuseGroupAsync(http.User.UserId(), id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        services.Db.GroupMembers.Remove(member);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> ListRolesAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken) =>
        await services.Db.Groups.AnyAsync(g => g.Id == id, cancellationToken)
            ? TypedResults.Ok<IReadOnlyList<string>>(await UserRolesApi.PlatformRolesOfAsync(services, SubjectKind.Group, id, cancellationToken))
            : Problems.NotFound($"Group {id}");

    internal static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, ProblemHttpResult>> UpdateRolesAsync(
        Guid id, UpdateRolesRequest request, HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } group)
        {
            return Problems.NotFound($"Group {id}");
        }

        services.Audit.Describe(group.Name);
        return await UserRolesApi.ReplacePlatformRolesAsync(services, SubjectKind.Group, id, request, http.User.UserId(), cancellationToken);
    }
}
