namespace Dce.GlobalManagement.Model;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string IdToken, string? RefreshToken, string Username, DateTimeOffset ExpiresAt);

public sealed record RefreshTokenRequest(string? RefreshToken);

/// <summary>The OAuth 2.0 token endpoint's answer.</summary>
public sealed record OAuthTokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string? RefreshToken);

public sealed record CreateAccessKeyRequest(string? Name, DateTimeOffset? ExpiredAt);

public sealed record CreateAccessKeyResponse(Guid Id, string Token, DateTimeOffset ExpiredAt);

public sealed record AccessKeyView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiredAt, DateTimeOffset? LastUsedAt);

public sealed record CurrentUserView(Guid Id, string Name, string? Email, IReadOnlyList<string> PlatformRoles);

public sealed record ChangePasswordRequest(string? OldPassword, string? NewPassword);
