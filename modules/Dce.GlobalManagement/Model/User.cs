namespace Dce.GlobalManagement.Model;

/// <summary>A person or robot that signs in to the platform.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Description { get; set; }
    public required string PasswordHash { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Changes whenever the password or status changes, so tokens issued before can be told apart.</summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
}
