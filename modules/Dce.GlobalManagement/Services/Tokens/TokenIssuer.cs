using System.Globalization;
using System.Security.Claims;
using Dce.GlobalManagement.Model;
using Dce.ServiceDefaults.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>A signed access token and when it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs short-lived RS256 access tokens for users, carrying the user's security stamp (so they can be revoked) and,
/// for a password sign-in and its refreshes, when the password was given (<c>auth_time</c>).
/// </summary>
public sealed class TokenIssuer(SigningKeyStore keys, IOptions<IdentityProviderOptions> options, TimeProvider time)
{
    public const string AuthTimeClaim = "auth_time";

    private readonly JsonWebTokenHandler _handler = new();

    public Task<IssuedToken> IssueAsync(User user, DateTimeOffset? authenticatedAt, CancellationToken cancellationToken) =>
        IssueAsync(user, authenticatedAt, time.GetUtcNow(), cancellationToken);

    /// <summary>Issues as of <paramref name="issuedAt"/>; tests use it to make expired tokens or old sign-ins.</summary>
    internal async Task<IssuedToken> IssueAsync(User user, DateTimeOffset? authenticatedAt, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<Claim> claims =
        [
            new(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new("preferred_username", user.Name),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(SecurityStamps.ClaimType, user.SecurityStamp.ToString()),
        ];
        if (authenticatedAt is { } signedIn)
        {
            claims.Add(new(AuthTimeClaim, signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        var expiresAt = issuedAt + settings.AccessTokenLifetime;
        var token = _handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = await keys.SigningCredentialsAsync(cancellationToken),
        });
        return new IssuedToken(token, expiresAt);
    }
}
