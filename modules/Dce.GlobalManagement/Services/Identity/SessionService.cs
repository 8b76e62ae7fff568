using System.Net;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>Why a sign-in or token exchange was refused.</summary>
public enum SessionRefusal
{
    None,
    InvalidCredentials,
    Locked,
    Disabled,
}

/// <summary>A granted session: an access token and, for interactive sign-in, a refresh token.</summary>
public sealed record Session(User User, IssuedToken AccessToken, string? RefreshToken);

/// <summary>Signs users in with a password, refresh token or access key, and hands out tokens.</summary>
public sealed class SessionService(
    GlobalManagementDbContext db,
    Passwords passwords,
    LoginLockout lockout,
    TokenIssuer issuer,
    SecurityStampMirror stamps,
    AuditTrail audit,
    IOptions<IdentityProviderOptions> options,
    TimeProvider time)
{
    /// <summary>Signs in with a password from <paramref name="client"/>, within the lockout limits of that user and address.</summary>
    public async Task<(Session? Session, SessionRefusal Refusal)> SignInAsync(string userName, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        audit.ActAs(userName, null);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Name == userName, cancellationToken);
        if (await lockout.TryBeginAsync(user, client) is not { } attempt)
        {
            return (null, SessionRefusal.Locked);
        }

        if (!passwords.Verify(user, password))
        {
            return (null, SessionRefusal.InvalidCredentials);
        }

        await lockout.SucceededAsync(attempt);
        audit.ActAs(user!.Name, user.Id);
        if (!user.Enabled)
        {
            return (null, SessionRefusal.Disabled);
        }

        var now = time.GetUtcNow();
        user.LastLoginAt = now;
        return (await GrantAsync(user, authenticatedAt: now, withRefreshToken: true, cancellationToken), SessionRefusal.None);
    }

    /// <summary>Exchanges a refresh token for a new pair; a token used twice revokes every refresh token of its user.</summary>
    public async Task<(Session? Session, SessionRefusal Refusal)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = TokenHashing.Hash(refreshToken);
        var stored = await db.RefreshTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null || stored.ExpiresAt <= now)
        {
            return (null, SessionRefusal.InvalidCredentials);
        }

        if (stored.UsedAt is not null)
        {
            await db.RefreshTokens.Where(t => t.UserId == stored.UserId).ExecuteDeleteAsync(cancellationToken);
            return (null, SessionRefusal.InvalidCredentials);
        }

        var user = await db.Users.FirstAsync(u => u.Id == stored.UserId, cancellationToken);
        audit.ActAs(user.Name, user.Id);
        if (!user.Enabled)
        {
            return (null, SessionRefusal.Disabled);
        }

        // Claimed with a conditional update, so two concurrent uses of one token cannot both succeed.
        var claimed = await db.RefreshTokens.Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (null, SessionRefusal.InvalidCredentials);
        }

        return (await GrantAsync(user, stored.AuthenticatedAt, withRefreshToken: true, cancellationToken), SessionRefusal.None);
    }

    /// <summary>Exchanges a personal access key for a short-lived access token.</summary>
    public async Task<(Session? Session, SessionRefusal Refusal)> ExchangeAccessKeyAsync(string accessKey, CancellationToken cancellationToken)
    {
        var hash = TokenHashing.Hash(accessKey);
        var now = time.GetUtcNow();
        var key = await db.AccessKeys.FirstOrDefaultAsync(k => k.TokenHash == hash && k.ExpiresAt > now, cancellationToken);
        if (key is null)
        {
            return (null, SessionRefusal.InvalidCredentials);
        }

        var user = await db.Users.FirstAsync(u => u.Id == key.UserId, cancellationToken);
        audit.ActAs(user.Name, user.Id);
        if (!user.Enabled)
        {
            return (null, SessionRefusal.Disabled);
        }

        key.LastUsedAt = now;
        // A key is not a sign-in: its tokens carry no auth_time, so they cannot create more keys.
        return (await GrantAsync(user, authenticatedAt: null, withRefreshToken: false, cancellationToken), SessionRefusal.None);
    }

    private async Task<Session> GrantAsync(User user, DateTimeOffset? authenticatedAt, bool withRefreshToken, CancellationToken cancellationToken)
    {
        string? refreshToken = null;
        if (withRefreshToken)
        {
            refreshToken = TokenHashing.NewSecret("dcer_");
            var now = time.GetUtcNow();
            db.RefreshTokens.Add(new RefreshToken
            {
                UserId = user.Id,
                TokenHash = TokenHashing.Hash(refreshToken),
                CreatedAt = now,
                ExpiresAt = now.AddHours(options.Value.RefreshTokenHours),
                AuthenticatedAt = authenticatedAt,
            });
        }

        audit.Describe(user.Name);
        await audit.SaveChangesAsync(db, cancellationToken);
        await stamps.EnsureAsync(user);
        return new Session(user, await issuer.IssueAsync(user, authenticatedAt, cancellationToken), refreshToken);
    }
}
