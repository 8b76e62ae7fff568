using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>
/// Ends everything a user could sign in with or call with: a new security stamp (its access tokens stop working in
/// every module), and its refresh tokens and access keys deleted. Used when the password, the account's status or its
/// roles change.
/// </summary>
public sealed class CredentialRevocation(GlobalManagementDbContext db, SecurityStampMirror mirror)
{
    /// <summary>Deletes the user's refresh tokens and access keys and gives it a new stamp, to be saved by the caller.</summary>
    public async Task RevokeAsync(User user, CancellationToken cancellationToken)
    {
        await db.RefreshTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.AccessKeys.Where(k => k.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        user.SecurityStamp = Guid.NewGuid();
    }

    /// <summary>Publishes the saved stamp to every module; call after saving.</summary>
    public Task PublishAsync(User user) => mirror.PublishAsync(user);

    /// <summary>Revokes the credentials of the user with <paramref name="userId"/>, if it exists, saving with the caller's pending changes.</summary>
    public async Task<User?> RevokeAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is not null)
        {
            await RevokeAsync(user, cancellationToken);
        }

        return user;
    }
}
