using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>
/// Keeps the Redis copy of every enabled user's security stamp that all modules check tokens against
/// (<see cref="SecurityStamps"/>); PostgreSQL is the authority, this is written after each change and rebuilt from it.
/// </summary>
public sealed class SecurityStampMirror(IConnectionMultiplexer redis, SecurityStampValidator validator, IOptions<DceIdentityOptions> identity)
{
    private IDatabase Redis => redis.GetDatabase(identity.Value.StampDatabase);

    /// <summary>Writes the user's current stamp, or removes it when the user is disabled: its tokens stop working.</summary>
    public async Task PublishAsync(User user)
    {
        if (!user.Enabled)
        {
            await RemoveAsync(user.Id);
            return;
        }

        await Redis.StringSetAsync(SecurityStamps.KeyOf(user.Id.ToString()), user.SecurityStamp.ToString());
        validator.Forget(user.Id.ToString());
    }

    /// <summary>Writes the stamp of a user that has none in Redis (created while Redis was away), never replacing a newer one.</summary>
    public Task EnsureAsync(User user) =>
        Redis.StringSetAsync(SecurityStamps.KeyOf(user.Id.ToString()), user.SecurityStamp.ToString(), when: When.NotExists);

    /// <summary>Removes the user's stamp: every token of the user stops working.</summary>
    public async Task RemoveAsync(Guid userId)
    {
        await Redis.KeyDeleteAsync(SecurityStamps.KeyOf(userId.ToString()));
        validator.Forget(userId.ToString());
    }

    /// <summary>Whether the user exists and is enabled, as the mirror says.</summary>
    public Task<bool> IsActiveAsync(Guid userId) => Redis.KeyExistsAsync(SecurityStamps.KeyOf(userId.ToString()));

    /// <summary>Whether the mirror is complete; false after Redis lost its data.</summary>
    public Task<bool> IsCompleteAsync() => Redis.KeyExistsAsync(SecurityStamps.SentinelKey);

    /// <summary>
    /// Copies every enabled user's stamp from PostgreSQL, then marks the mirror complete. Stamps are only added where
    /// missing, so a change published meanwhile is not overwritten by the older value read here.
    /// </summary>
    public async Task RebuildAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.SecurityStamp, u.Enabled }).ToListAsync(cancellationToken);
        var batch = Redis.CreateBatch();
        var writes = users.Select(u => u.Enabled
            ? batch.StringSetAsync(SecurityStamps.KeyOf(u.Id.ToString()), u.SecurityStamp.ToString(), when: When.NotExists)
            : batch.KeyDeleteAsync(SecurityStamps.KeyOf(u.Id.ToString()))).ToList();
        batch.Execute();
        await Task.WhenAll(writes);
        await Redis.StringSetAsync(SecurityStamps.SentinelKey, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
