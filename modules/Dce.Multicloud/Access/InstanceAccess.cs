using Dce.Multicloud.Infrastructure;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.Multicloud.Access;

/// <summary>
/// Who may do what in a multicloud instance. A platform grant reaches every instance; otherwise an instance bound to a
/// workspace gives that workspace's roles on the whole instance, and a namespace bound to a workspace gives them in that
/// namespace only. Global Management answers each question (<c>kairship</c>, resource type, action, workspace).
/// </summary>
internal sealed class InstanceAccess(IWorkspaceAuthorizer authorizer, MulticloudDbContext db, IHttpContextAccessor accessor)
{
    public async Task<InstanceScope> ScopeAsync(string action, string resourceType, string instance, CancellationToken cancellationToken)
    {
        if (await AskAsync(action, resourceType, null, cancellationToken))
        {
            return new InstanceScope(true, new HashSet<string>());
        }

        var bindings = await db.WorkspaceBindings.AsNoTracking().Where(b => b.Instance == instance).ToListAsync(cancellationToken);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workspace in bindings.GroupBy(b => b.WorkspaceId))
        {
            if (!await AskAsync(action, resourceType, workspace.Key, cancellationToken))
            {
                continue;
            }

            if (workspace.Any(b => b.Namespace.Length == 0))
            {
                return new InstanceScope(true, namespaces);
            }

            namespaces.UnionWith(workspace.Select(b => b.Namespace));
        }

        return new InstanceScope(false, namespaces);
    }

    /// <summary>True when the caller holds <paramref name="action"/> on <paramref name="resourceType"/> across the platform.</summary>
    public Task<bool> OnPlatformAsync(string action, string resourceType, CancellationToken cancellationToken) =>
        AskAsync(action, resourceType, null, cancellationToken);

    /// <summary>True when the caller holds the action in <paramref name="workspaceId"/>.</summary>
    public Task<bool> InWorkspaceAsync(string action, string resourceType, int workspaceId, CancellationToken cancellationToken) =>
        AskAsync(action, resourceType, workspaceId, cancellationToken);

    private Task<bool> AskAsync(string action, string resourceType, int? workspaceId, CancellationToken cancellationToken)
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("Access is asked within a request.");
        return BearerCaller.TryGet(http, out var subject, out var token)
            ? authorizer.IsAllowedAsync(subject, token, new WorkspaceAccessRequest(action, resourceType, workspaceId), cancellationToken)
            : Task.FromResult(false);
    }
}
