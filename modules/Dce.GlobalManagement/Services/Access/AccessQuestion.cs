namespace Dce.GlobalManagement.Services.Access;

/// <summary>"May this user do <see cref="Action"/> on <see cref="ResourceType"/> of <see cref="Module"/> here?" — here being the platform, a folder or a workspace.</summary>
public sealed record AccessQuestion(string Module, string ResourceType, string Action, int? WorkspaceId = null, int? FolderId = null)
{
    public static AccessQuestion Platform(string resourceType, string action) => new(BuiltInRoles.Module, resourceType, action);

    public string CacheKey => $"{Module}:{ResourceType}:{Action}:w{WorkspaceId}:f{FolderId}";
}
