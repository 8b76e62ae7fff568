namespace Dce.GlobalManagement.Model;

/// <summary>A set of users; roles bound to the group apply to each member.</summary>
public sealed class Group
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Membership of one user in one group.</summary>
public sealed class GroupMember
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
}
