namespace Dce.GlobalManagement.Model;

/// <summary>A refresh token, stored only as its hash; each use replaces it with a new one.</summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>When the password was given for the sign-in this token descends from; carried into each refreshed token.</summary>
    public DateTimeOffset? AuthenticatedAt { get; set; }
}

/// <summary>A personal access key, stored only as its hash, exchanged for short-lived tokens until it expires.</summary>
public sealed class AccessKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>A token-signing key pair; the private half is stored encrypted and never leaves the module.</summary>
public sealed class SigningKey
{
    public required string Id { get; set; }
    public required string Algorithm { get; set; }
    public required byte[] PublicKey { get; set; }
    public required byte[] EncryptedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
