namespace Dce.GlobalManagement.Model;

public sealed record CreateFolderRequest(string? Name, string? Alias, int? ParentFolderId);

public sealed record UpdateAliasRequest(string? Alias);

public sealed record MoveRequest(int? ParentFolderId);

public sealed record FolderView(int Id, string Name, string? Alias, int? ParentFolderId, int Depth, DateTimeOffset CreatedAt)
{
    public static FolderView Of(Folder folder) => new(folder.Id, folder.Name, folder.Alias, folder.ParentId, folder.Depth, folder.CreatedAt);
}

public sealed record FolderTreeNode(int Id, string Name, string? Alias, IReadOnlyList<FolderTreeNode> Folders, IReadOnlyList<WorkspaceView> Workspaces);

public sealed record CreateWorkspaceRequest(string? Name, string? Alias, int? ParentFolderId);

public sealed record WorkspaceView(int Id, string Name, string? Alias, int? ParentFolderId, DateTimeOffset CreatedAt)
{
    public static WorkspaceView Of(Workspace workspace) => new(workspace.Id, workspace.Name, workspace.Alias, workspace.FolderId, workspace.CreatedAt);
}

public sealed record AuthorizeRequest(SubjectKind? SubjectKind, Guid? SubjectId, string? RoleName);

public sealed record MemberRoleView(SubjectKind SubjectKind, Guid SubjectId, string SubjectName, string RoleName);
