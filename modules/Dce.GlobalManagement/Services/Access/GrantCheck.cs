using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// Nobody grants more than they hold: a role binding, a platform role, a group membership or a custom role is given or
/// taken only by a user who holds every permission of the role where it takes effect (including what they inherit from
/// folders above and from the platform).
/// </summary>
public sealed class GrantCheck(GlobalManagementDbContext db, AccessEvaluator evaluator)
{
    private const int NamedAtMost = 5;

    /// <summary>A 403 answer unless <paramref name="grantor"/> holds each role's permissions at the scope; null when they do.</summary>
    public async Task<ProblemHttpResult?> RefuseAsync(Guid? grantor, IEnumerable<Role> roles, RoleScope scope, int? scopeId, CancellationToken cancellationToken)
    {
        var held = grantor is { } id ? await evaluator.RolesHeldAsync(id, scope, scopeId, cancellationToken) : [];
        foreach (var role in roles)
        {
            if (PermissionCoverage.Uncovered(held, role) is { Count: > 0 } missing)
            {
                return Problems.Forbidden($"Role {role.Name} {Where(scope, scopeId)} grants {string.Join(", ", missing.Take(NamedAtMost))}, which you do not hold there. "
                    + "Only someone who holds all of a role there may create, change, grant or revoke it; ask an administrator who does.");
            }
        }

        return null;
    }

    /// <summary>As <see cref="RefuseAsync"/>, for roles named.</summary>
    public async Task<ProblemHttpResult?> RefuseRolesAsync(Guid? grantor, IReadOnlyCollection<string> roleNames, RoleScope scope, int? scopeId, CancellationToken cancellationToken)
    {
        if (roleNames.Count == 0)
        {
            return null;
        }

        var roles = await db.Roles.AsNoTracking().Where(r => roleNames.Contains(r.Name)).ToListAsync(cancellationToken);
        return await RefuseAsync(grantor, roles, scope, scopeId, cancellationToken);
    }

    /// <summary>Joining or leaving a group gives or takes every role bound to it: refused unless the grantor could grant each of them.</summary>
    public async Task<ProblemHttpResult?> RefuseGroupAsync(Guid? grantor, Guid groupId, CancellationToken cancellationToken) =>
        await RefuseBindingsAsync(grantor, db.RoleBindings.Where(b => b.SubjectKind == SubjectKind.Group && b.SubjectId == groupId), cancellationToken);

    /// <summary>
    /// Resetting a user's password, disabling or deleting them acts with everything they hold (directly or through their
    /// groups): refused unless the actor could grant each of those roles where it is bound.
    /// </summary>
    public async Task<ProblemHttpResult?> RefuseActingOnUserAsync(Guid? actor, Guid userId, CancellationToken cancellationToken)
    {
        var groups = db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId);
        return await RefuseBindingsAsync(actor, db.RoleBindings.Where(b =>
            (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groups.Contains(b.SubjectId))), cancellationToken);
    }

    private async Task<ProblemHttpResult?> RefuseBindingsAsync(Guid? grantor, IQueryable<RoleBinding> bindings, CancellationToken cancellationToken)
    {
        var held = await bindings.AsNoTracking().Select(b => new { b.RoleName, b.Scope, b.ScopeId }).ToListAsync(cancellationToken);
        foreach (var where in held.GroupBy(b => (b.Scope, b.ScopeId)))
        {
            if (await RefuseRolesAsync(grantor, [.. where.Select(b => b.RoleName).Distinct()], where.Key.Scope, where.Key.ScopeId, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// Moving a folder or workspace changes which folder roles reach it: those bound above it before and not after are
    /// taken, those above it after and not before are given. Refused unless the mover could grant each of them there.
    /// </summary>
    public async Task<ProblemHttpResult?> RefuseMoveAsync(Guid? grantor, RoleScope scope, int id, int? fromFolderId, int? toFolderId, CancellationToken cancellationToken)
    {
        var before = await evaluator.FolderChainAsync(fromFolderId, cancellationToken);
        var after = await evaluator.FolderChainAsync(toFolderId, cancellationToken);
        var changed = before.Except(after).Concat(after.Except(before)).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        var roleNames = await db.RoleBindings.Where(b => b.Scope == RoleScope.Folder && b.ScopeId != null && changed.Contains(b.ScopeId.Value))
            .Select(b => b.RoleName).Distinct().ToListAsync(cancellationToken);
        return await RefuseRolesAsync(grantor, roleNames, scope, id, cancellationToken);
    }

    private static string Where(RoleScope scope, int? scopeId) => scope switch
    {
        RoleScope.Folder => $"on folder {scopeId}",
        RoleScope.Workspace => $"in workspace {scopeId}",
        _ => "on the platform",
    };
}
