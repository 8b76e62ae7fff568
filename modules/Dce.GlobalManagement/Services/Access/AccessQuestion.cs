namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// "May this user do <see cref="Action"/> on <see cref="ResourceType"/> of <see cref="Module"/> here?" — here being the
/// platform, a folder, a workspace, or a cluster (or one namespace of it), which stands for the workspaces it is bound to.
/// </summary>
public sealed record AccessQuestion(
    string Module, string ResourceType, string Action, int? WorkspaceId = null, int? FolderId = null, string? Cluster = null, string? Namespace = null)
{
    public static AccessQuestion Platform(string resourceType, string action) => new(BuiltInRoles.Module, resourceType, action);

    public string CacheKey => $"{Module}:{ResourceType}:{Action}:w{WorkspaceId}:f{FolderId}:c{Cluster}:n{Namespace}";
}
