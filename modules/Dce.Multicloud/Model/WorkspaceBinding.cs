namespace Dce.Multicloud.Model;

/// <summary>
/// A multicloud instance, or one namespace of it, bound to a workspace: the workspace's roles then apply there. A whole
/// instance may be shared with several workspaces; a namespace belongs to at most one.
/// </summary>
public sealed class WorkspaceBinding
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public required string Instance { get; set; }

    /// <summary>Empty when the whole instance is bound.</summary>
    public string Namespace { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
