using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// Answers an <see cref="AccessQuestion"/> from the bindings in PostgreSQL: the user's own, and those of the groups it
/// belongs to, at platform scope, on the workspace, or on any folder above it. A cluster stands for every workspace it
/// is bound to as a whole; a namespace, in addition, for the one workspace it is bound to.
/// </summary>
public sealed class AccessEvaluator(GlobalManagementDbContext db)
{
    public async Task<bool> IsAllowedAsync(Guid userId, AccessQuestion question, CancellationToken cancellationToken)
    {
        var grants = await GrantsAsync(userId, question.Module, question.ResourceType, question.Action, cancellationToken);
        if (grants.Platform)
        {
            return true;
        }

        if (grants.Workspaces.Count == 0 && grants.Folders.Count == 0)
        {
            return false;
        }

        if (question.Cluster is { } cluster)
        {
            var ns = question.Namespace ?? "";
            var workspaceIds = await db.WorkspaceResources
                .Where(r => r.Cluster == cluster && (r.Namespace == "" || (ns != "" && r.Namespace == ns)))
                .Select(r => r.WorkspaceId).Distinct().ToListAsync(cancellationToken);
            return (await GrantedAmongAsync(grants, workspaceIds, cancellationToken)).Count > 0;
        }

        if (question.WorkspaceId is { } workspaceId)
        {
            return (await GrantedAmongAsync(grants, [workspaceId], cancellationToken)).Count > 0;
        }

        if (question.FolderId is { } folderId && grants.Folders.Count > 0)
        {
            var parents = await FolderParentsAsync(cancellationToken);
            return Chain(parents, folderId).Any(grants.Folders.Contains);
        }

        return false;
    }

    /// <summary>The clusters and namespaces where the user may do the action: all of them with a platform grant, else those bound to a workspace where a role grants it.</summary>
    public async Task<ClusterScope> ClusterScopeAsync(Guid userId, string module, string resourceType, string action, CancellationToken cancellationToken)
    {
        var grants = await GrantsAsync(userId, module, resourceType, action, cancellationToken);
        if (grants.Platform)
        {
            return new ClusterScope(true, [], []);
        }

        var workspaceIds = new HashSet<int>(grants.Workspaces);
        if (grants.Folders.Count > 0)
        {
            var below = FoldersBelow(await FolderParentsAsync(cancellationToken), grants.Folders);
            workspaceIds.UnionWith(await db.Workspaces.Where(w => w.FolderId != null && below.Contains(w.FolderId.Value)).Select(w => w.Id).ToListAsync(cancellationToken));
        }

        if (workspaceIds.Count == 0)
        {
            return ClusterScope.None;
        }

        var resources = await db.WorkspaceResources.AsNoTracking().Where(r => workspaceIds.Contains(r.WorkspaceId))
            .Select(r => new { r.Cluster, r.Namespace }).ToListAsync(cancellationToken);
        var clusters = resources.Where(r => r.Namespace.Length == 0).Select(r => r.Cluster).Distinct().Order(StringComparer.Ordinal).ToList();
        var covered = clusters.ToHashSet(StringComparer.Ordinal);
        var namespaces = resources.Where(r => r.Namespace.Length > 0 && !covered.Contains(r.Cluster))
            .Select(r => new ClusterNamespace(r.Cluster, r.Namespace)).Distinct()
            .OrderBy(n => n.Cluster, StringComparer.Ordinal).ThenBy(n => n.Namespace, StringComparer.Ordinal).ToList();
        return new ClusterScope(false, clusters, namespaces);
    }

    /// <summary>The workspaces the user can see at all: every one with a platform grant, else those bound directly or under a bound folder.</summary>
    public async Task<HashSet<int>?> VisibleWorkspacesAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await IsAllowedAsync(userId, AccessQuestion.Platform("workspaces", "list"), cancellationToken))
        {
            return null;
        }

        var groupIds = await GroupsOfAsync(userId, cancellationToken);
        var bindings = await db.RoleBindings
            .Where(b => (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groupIds.Contains(b.SubjectId)))
            .Where(b => b.ScopeId != null)
            .Select(b => new { b.Scope, ScopeId = b.ScopeId!.Value })
            .ToListAsync(cancellationToken);
        var visible = bindings.Where(b => b.Scope == RoleScope.Workspace).Select(b => b.ScopeId).ToHashSet();
        var folders = bindings.Where(b => b.Scope == RoleScope.Folder).Select(b => b.ScopeId).ToHashSet();
        if (folders.Count > 0)
        {
            var below = FoldersBelow(await FolderParentsAsync(cancellationToken), folders);
            visible.UnionWith(await db.Workspaces.Where(w => w.FolderId != null && below.Contains(w.FolderId.Value)).Select(w => w.Id).ToListAsync(cancellationToken));
        }

        return visible;
    }

    /// <summary>
    /// The roles the user holds (own and through groups) where a grant would take effect: on the platform, and — for a folder
    /// or workspace — on it and on every folder above it.
    /// </summary>
    public async Task<List<Role>> RolesHeldAsync(Guid userId, RoleScope scope, int? scopeId, CancellationToken cancellationToken)
    {
        var folders = new List<int>();
        if (scope != RoleScope.Platform && scopeId is { } id)
        {
            var folderId = scope == RoleScope.Folder ? id : await db.Workspaces.Where(w => w.Id == id).Select(w => w.FolderId).FirstOrDefaultAsync(cancellationToken);
            if (folderId is { } start)
            {
                folders = Chain(await FolderParentsAsync(cancellationToken), start);
            }
        }

        var groupIds = await GroupsOfAsync(userId, cancellationToken);
        var roleNames = await db.RoleBindings
            .Where(b => (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groupIds.Contains(b.SubjectId)))
            .Where(b => b.Scope == RoleScope.Platform
                || (b.Scope == RoleScope.Folder && b.ScopeId != null && folders.Contains(b.ScopeId.Value))
                || (scope == RoleScope.Workspace && b.Scope == RoleScope.Workspace && b.ScopeId == scopeId))
            .Select(b => b.RoleName).Distinct().ToListAsync(cancellationToken);
        return await db.Roles.AsNoTracking().Where(r => roleNames.Contains(r.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the user may give the cluster, or a namespace of it, to <paramref name="workspaceId"/>: a platform grant, or a
    /// grant on the whole cluster through another workspace it is bound to — never one the workspace itself confers.
    /// </summary>
    public async Task<bool> MayAllocateClusterAsync(Guid userId, string cluster, int workspaceId, CancellationToken cancellationToken)
    {
        var question = BuiltInRoles.ClusterAllocation(cluster);
        var grants = await GrantsAsync(userId, question.Module, question.ResourceType, question.Action, cancellationToken);
        if (grants.Platform)
        {
            return true;
        }

        var elsewhere = await db.WorkspaceResources.Where(r => r.Cluster == cluster && r.Namespace == "" && r.WorkspaceId != workspaceId)
            .Select(r => r.WorkspaceId).Distinct().ToListAsync(cancellationToken);
        return elsewhere.Count > 0 && (await GrantedAmongAsync(grants, elsewhere, cancellationToken)).Count > 0;
    }

    /// <summary>The folder and the folders above it, nearest first; none for the top level.</summary>
    public async Task<List<int>> FolderChainAsync(int? folderId, CancellationToken cancellationToken) =>
        folderId is { } id ? Chain(await FolderParentsAsync(cancellationToken), id) : [];

    /// <summary>Where the user's roles (own and through groups) grant the action: on the platform, on which workspaces, on which folders.</summary>
    private async Task<Grants> GrantsAsync(Guid userId, string module, string resourceType, string action, CancellationToken cancellationToken)
    {
        var groupIds = await GroupsOfAsync(userId, cancellationToken);
        var bindings = await db.RoleBindings
            .Where(b => (b.SubjectKind == SubjectKind.User && b.SubjectId == userId) || (b.SubjectKind == SubjectKind.Group && groupIds.Contains(b.SubjectId)))
            .Select(b => new { b.Scope, b.ScopeId, b.RoleName })
            .ToListAsync(cancellationToken);
        if (bindings.Count == 0)
        {
            return new Grants(false, [], []);
        }

        var roleNames = bindings.Select(b => b.RoleName).Distinct().ToList();
        var granting = (await db.Roles.AsNoTracking().Where(r => roleNames.Contains(r.Name)).ToListAsync(cancellationToken))
            .Where(r => r.Allows(module, resourceType, action))
            .Select(r => r.Name)
            .ToHashSet(StringComparer.Ordinal);
        var kept = bindings.Where(b => granting.Contains(b.RoleName)).ToList();
        return new Grants(
            kept.Any(b => b.Scope == RoleScope.Platform),
            [.. kept.Where(b => b.Scope == RoleScope.Workspace && b.ScopeId != null).Select(b => b.ScopeId!.Value)],
            [.. kept.Where(b => b.Scope == RoleScope.Folder && b.ScopeId != null).Select(b => b.ScopeId!.Value)]);
    }

    /// <summary>Those of <paramref name="workspaceIds"/> where a role bound on the workspace or on a folder above it grants the action.</summary>
    private async Task<List<int>> GrantedAmongAsync(Grants grants, IReadOnlyCollection<int> workspaceIds, CancellationToken cancellationToken)
    {
        var granted = workspaceIds.Where(grants.Workspaces.Contains).ToList();
        var rest = workspaceIds.Except(granted).ToList();
        if (rest.Count == 0 || grants.Folders.Count == 0)
        {
            return granted;
        }

        var parents = await FolderParentsAsync(cancellationToken);
        var folderOf = await db.Workspaces.Where(w => rest.Contains(w.Id) && w.FolderId != null)
            .Select(w => new { w.Id, FolderId = w.FolderId!.Value }).ToListAsync(cancellationToken);
        granted.AddRange(folderOf.Where(w => Chain(parents, w.FolderId).Any(grants.Folders.Contains)).Select(w => w.Id));
        return granted;
    }

    private Task<List<Guid>> GroupsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);

    private Task<Dictionary<int, int?>> FolderParentsAsync(CancellationToken cancellationToken) =>
        db.Folders.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.ParentId, cancellationToken);

    /// <summary>The folder and the folders above it, nearest first.</summary>
    private static List<int> Chain(Dictionary<int, int?> parents, int folderId)
    {
        var chain = new List<int>();
        for (int? id = folderId; id is { } current && chain.Count <= Folder.MaxDepth && !chain.Contains(current); id = parents.GetValueOrDefault(current))
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>The folders and every folder below them.</summary>
    private static HashSet<int> FoldersBelow(Dictionary<int, int?> parents, IEnumerable<int> roots)
    {
        var below = new HashSet<int>(roots);
        for (var added = true; added;)
        {
            added = false;
            foreach (var (id, parent) in parents)
            {
                if (parent is { } p && below.Contains(p))
                {
                    added |= below.Add(id);
                }
            }
        }

        return below;
    }

    private sealed record Grants(bool Platform, HashSet<int> Workspaces, HashSet<int> Folders);
}
