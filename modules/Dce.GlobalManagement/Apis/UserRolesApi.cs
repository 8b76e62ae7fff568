using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Platform roles of users and groups, and the groups of a user.</summary>
public static class UserRolesApi
{
    internal static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> ListAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound($"User {id}");
        }

        return TypedResults.Ok<IReadOnlyList<string>>(await PlatformRolesOfAsync(services, SubjectKind.User, id, cancellationToken));
    }

    internal static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateRolesRequest request, HttpContext http, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (await services.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Problems.NotFound($"User {id}");
        }

        services.Audit.Describe(user.Name);
        return await ReplacePlatformRolesAsync(services, SubjectKind.User, id, request, http.User.UserId(), cancellationToken);
    }

    internal static async Task<Results<Ok<IReadOnlyList<GroupView>>, ProblemHttpResult>> ListGroupsAsync(Guid id, [AsParameters] UserServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound($"User {id}");
        }

        var groups = await services.Db.Groups.AsNoTracking()
            .Where(g => services.Db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == id))
            .OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Id, g.Name, g.Description, services.Db.GroupMembers.Count(m => m.GroupId == g.Id), g.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GroupView>>(groups);
    }

    internal static Task<List<string>> PlatformRolesOfAsync(UserServices services, SubjectKind kind, Guid id, CancellationToken cancellationToken) =>
        services.Db.RoleBindings.Where(b => b.SubjectKind == kind && b.SubjectId == id && b.Scope == RoleScope.Platform)
            .Select(b => b.RoleName).OrderBy(n => n).ToListAsync(cancellationToken);

    /// <summary>Makes the subject's platform roles exactly <paramref name="request"/>'s, all at once or not at all; <paramref name="grantor"/> must hold every role given or taken.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, ProblemHttpResult>> ReplacePlatformRolesAsync(
        UserServices services, SubjectKind kind, Guid id, UpdateRolesRequest request, Guid? grantor, CancellationToken cancellationToken)
    {
        var wanted = (request.Roles ?? []).Distinct(StringComparer.Ordinal).ToList();
        var validation = new Validation().Require(request.Roles is not null && wanted.Count <= 32, "roles", "roles is a list of at most 32 platform role names.");
        foreach (var role in wanted)
        {
            validation.Name("roles", role);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var platformRoles = await services.Db.Roles.Where(r => r.Scope == RoleScope.Platform && wanted.Contains(r.Name)).Select(r => r.Name).ToListAsync(cancellationToken);
        var unknown = wanted.Except(platformRoles).ToList();
        if (unknown.Count > 0)
        {
            return new Validation().Require(false, "roles", $"Not platform roles: {string.Join(", ", unknown)}.").Problem();
        }

        var current = await services.Db.RoleBindings.Where(b => b.SubjectKind == kind && b.SubjectId == id && b.Scope == RoleScope.Platform).ToListAsync(cancellationToken);
        var currentNames = current.Select(b => b.RoleName).ToList();
        var changed = wanted.Except(currentNames).Concat(currentNames.Except(wanted)).ToList();
        if (await services.Grants.RefuseRolesAsync(grantor, changed, RoleScope.Platform, null, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var removed = current.Where(b => !wanted.Contains(b.RoleName)).ToList();
        services.Db.RoleBindings.RemoveRange(removed);
        var revoked = kind == SubjectKind.User && removed.Count > 0 ? await services.Revocation.RevokeAsync(id, cancellationToken) : null;
        foreach (var role in wanted.Where(r => current.All(b => b.RoleName != r)))
        {
            services.Db.RoleBindings.Add(new RoleBinding
            {
                SubjectKind = kind,
                SubjectId = id,
                RoleName = role,
                Scope = RoleScope.Platform,
                CreatedAt = services.Time.GetUtcNow(),
            });
        }

        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        if (revoked is not null)
        {
            await services.Revocation.PublishAsync(revoked);
        }

        return TypedResults.Ok<IReadOnlyList<string>>([.. wanted.Order(StringComparer.Ordinal)]);
    }
}
