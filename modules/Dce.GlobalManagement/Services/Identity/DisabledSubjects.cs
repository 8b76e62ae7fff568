using Dce.GlobalManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>
/// The users whose tokens must stop working before they expire (disabled or deleted), as a Redis set every
/// request checks; rebuilt from PostgreSQL at start.
/// </summary>
public sealed class DisabledSubjects(IConnectionMultiplexer redis)
{
    private static readonly RedisKey Key = "ghippo:disabled-subjects";

    public Task<bool> ContainsAsync(string subject) => redis.GetDatabase().SetContainsAsync(Key, subject);

    public Task AddAsync(Guid userId) => redis.GetDatabase().SetAddAsync(Key, userId.ToString());

    public Task RemoveAsync(Guid userId) => redis.GetDatabase().SetRemoveAsync(Key, userId.ToString());

    public async Task RebuildAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        var disabled = await db.Users.Where(u => !u.Enabled).Select(u => u.Id).ToListAsync(cancellationToken);
        if (disabled.Count > 0)
        {
            await redis.GetDatabase().SetAddAsync(Key, disabled.Select(id => (RedisValue)id.ToString()).ToArray());
        }
    }
}
