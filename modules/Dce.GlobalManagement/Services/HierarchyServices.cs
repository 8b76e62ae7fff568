using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;

namespace Dce.GlobalManagement.Services;

/// <summary>What the folder, workspace and role handlers need, as one parameter.</summary>
public sealed class HierarchyServices(GlobalManagementDbContext db, AuditTrail audit, AccessDecisions decisions, AccessEvaluator evaluator, GrantCheck grants, CredentialRevocation revocation, TimeProvider time)
{
    public GlobalManagementDbContext Db { get; } = db;
    public AuditTrail Audit { get; } = audit;
    public AccessDecisions Decisions { get; } = decisions;
    public AccessEvaluator Evaluator { get; } = evaluator;
    public GrantCheck Grants { get; } = grants;
    public CredentialRevocation Revocation { get; } = revocation;
    public TimeProvider Time { get; } = time;

    /// <summary>A 403 answer unless the caller may do <paramref name="action"/> on <paramref name="resourceType"/> in the folder (or on the platform when null).</summary>
    public async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?> RequireInFolderAsync(HttpContext http, int? folderId, string resourceType, string action)
    {
        var allowed = http.User.UserId() is { } userId
            && await Decisions.IsAllowedAsync(userId, new AccessQuestion(BuiltInRoles.Module, resourceType, action, FolderId: folderId), http.RequestAborted);
        return allowed ? null : Problems.Forbidden(folderId is null
            ? $"You may not {action} {resourceType} at the top level."
            : $"You may not {action} {resourceType} in folder {folderId}.");
    }
}
