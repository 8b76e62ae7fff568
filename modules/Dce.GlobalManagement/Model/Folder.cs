namespace Dce.GlobalManagement.Model;

/// <summary>A node of the resource hierarchy; folders nest up to <see cref="MaxDepth"/> levels and hold workspaces.</summary>
public sealed class Folder
{
    public const int MaxDepth = 5;

    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Alias { get; set; }
    public int? ParentId { get; set; }

    /// <summary>1 for a top-level folder.</summary>
    public int Depth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The leaf of the hierarchy where resources live and roles apply.</summary>
public sealed class Workspace
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Alias { get; set; }
    public int? FolderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
