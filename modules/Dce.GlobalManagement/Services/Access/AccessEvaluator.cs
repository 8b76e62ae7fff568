using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>Answers an <see cref="AccessQuestion"/> from the bindings in PostgreSQL: the user's own, and those of the groups it belongs to, at platform scope, on the workspace, or on any folder above it.</summary>
public sealed class AccessEvaluator(GlobalManagementDbContext db)
{
    public async Task<bool> IsAllowedAsync(Guid userId, AccessQuestion question, CancellationToken cancellationToken)
    {
        var groupIds = await db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var folderIds = await FoldersAboveAsync(question, cancellationToken);
        var workspaceId = question.WorkspaceId;

        var roleNames = await db.RoleBindings
            .Where(b => (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groupIds.Contains(b.SubjectId)))
            .Where(b => b.Scope == RoleScope.Platform
                || (b.Scope == RoleScope.Workspace && workspaceId != null && b.ScopeId == workspaceId)
                || (b.Scope == RoleScope.Folder && b.ScopeId != null && folderIds.Contains(b.ScopeId.Value)))
            .Select(b => b.RoleName)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (roleNames.Count == 0)
        {
            return false;
        }

        var roles = await db.Roles.AsNoTracking().Where(r => roleNames.Contains(r.Name)).ToListAsync(cancellationToken);
        return roles.SelectMany(r => r.Permissions).Any(p => p.Allows(question.Module, question.ResourceType, question.Action));
    }

    /// <summary>The workspaces the user can see at all: every one with a platform grant, else those bound directly or under a bound folder.</summary>
    public async Task<HashSet<int>?> VisibleWorkspacesAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await IsAllowedAsync(userId, AccessQuestion.Platform("workspaces", "list"), cancellationToken))
        {
            return null;
        }

        var groupIds = await db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var bindings = await db.RoleBindings
            .Where(b => (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groupIds.Contains(b.SubjectId)))
            .Where(b => b.ScopeId != null)
            .Select(b => new { b.Scope, ScopeId = b.ScopeId!.Value })
            .ToListAsync(cancellationToken);
        var visible = bindings.Where(b => b.Scope == RoleScope.Workspace).Select(b => b.ScopeId).ToHashSet();
        var folders = bindings.Where(b => b.Scope == RoleScope.Folder).Select(b => b.ScopeId).ToHashSet();
        if (folders.Count > 0)
        {
            var tree = await db.Folders.AsNoTracking().Select(f => new { f.Id, f.ParentId }).ToListAsync(cancellationToken);
            var below = new HashSet<int>(folders);
            for (var added = true; added;)
            {
                added = false;
                foreach (var folder in tree.Where(f => f.ParentId is { } parent && below.Contains(parent)))
                {
                    added |= below.Add(folder.Id);
                }
            }

            visible.UnionWith(await db.Workspaces.Where(w => w.FolderId != null && below.Contains(w.FolderId.Value)).Select(w => w.Id).ToListAsync(cancellationToken));
        }

        return visible;
    }

    private async Task<List<int>> FoldersAboveAsync(AccessQuestion question, CancellationToken cancellationToken)
    {
        var folderId = question.FolderId;
        if (question.WorkspaceId is { } workspaceId)
        {
            folderId = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.FolderId).FirstOrDefaultAsync(cancellationToken);
        }

        var chain = new List<int>();
        while (folderId is { } id && chain.Count <= Folder.MaxDepth && !chain.Contains(id))
        {
            chain.Add(id);
            folderId = await db.Folders.Where(f => f.Id == id).Select(f => f.ParentId).FirstOrDefaultAsync(cancellationToken);
        }

        return chain;
    }
}
