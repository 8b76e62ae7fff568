namespace Dce.GlobalManagement;

/// <summary>The identity provider's settings (<c>Dce:Identity</c>).</summary>
public sealed class IdentityProviderOptions
{
    public const string Section = "Dce:Identity";

    public string Issuer { get; set; } = "dce";
    public string Audience { get; set; } = "dce";
    public int AccessTokenMinutes { get; set; } = 10;
    public int RefreshTokenHours { get; set; } = 24;
    public int KeyRotationDays { get; set; } = 30;

    /// <summary>Encrypts the signing keys' private halves at rest; a secret parameter of the AppHost.</summary>
    public string? SigningKeyPassphrase { get; set; }
    /// <summary>Password guesses allowed per user and client address in one lockout window.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Password guesses allowed per client address across all user names in one lockout window.</summary>
    public int MaxFailedLoginsPerAddress { get; set; } = 50;
    public int LockoutMinutes { get; set; } = 15;
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>How recent a password sign-in must be to create an access key.</summary>
    public int RecentSignInMinutes { get; set; } = 5;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
}

/// <summary>The audit log's settings (<c>Dce:Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Dce:Audit";

    public int RetentionDays { get; set; } = 180;
    public int CleanupIntervalMinutes { get; set; } = 60;
}
