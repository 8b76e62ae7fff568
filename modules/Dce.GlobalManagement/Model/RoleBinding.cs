namespace Dce.GlobalManagement.Model;

/// <summary>Who a binding grants to.</summary>
public enum SubjectKind
{
    User,
    Group,
}

/// <summary>Grants a role to a user or group on the platform, a folder (and everything below) or a workspace.</summary>
public sealed class RoleBinding
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public SubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public required string RoleName { get; set; }
    public RoleScope Scope { get; set; }

    /// <summary>The folder or workspace id; null at platform scope.</summary>
    public int? ScopeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
