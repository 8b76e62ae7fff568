using System.Security.Claims;
using Dce.GlobalManagement.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>A signed access token and when it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Signs short-lived RS256 access tokens for users.</summary>
public sealed class TokenIssuer(SigningKeyStore keys, IOptions<IdentityProviderOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public Task<IssuedToken> IssueAsync(User user, CancellationToken cancellationToken) =>
        IssueAsync(user, time.GetUtcNow(), cancellationToken);

    /// <summary>Issues as of <paramref name="issuedAt"/>; tests use it to make expired tokens.</summary>
    internal async Task<IssuedToken> IssueAsync(User user, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var expiresAt = issuedAt + settings.AccessTokenLifetime;
        var token = _handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim("preferred_username", user.Name),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = await keys.SigningCredentialsAsync(cancellationToken),
        });
        return new IssuedToken(token, expiresAt);
    }
}
