using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>Counts failed sign-ins per user name in Redis and locks the name after too many, until the window passes.</summary>
public sealed class LoginLockout(IConnectionMultiplexer redis, IOptions<IdentityProviderOptions> options)
{
    private IDatabase Redis => redis.GetDatabase();

    public async Task<bool> IsLockedAsync(string userName)
    {
        var failures = await Redis.StringGetAsync(Key(userName));
        return failures.TryParse(out long count) && count >= options.Value.MaxFailedLogins;
    }

    public async Task RecordFailureAsync(string userName)
    {
        var key = Key(userName);
        var count = await Redis.StringIncrementAsync(key);
        if (count == 1 || count == options.Value.MaxFailedLogins)
        {
            await Redis.KeyExpireAsync(key, TimeSpan.FromMinutes(options.Value.LockoutMinutes));
        }
    }

    public Task ResetAsync(string userName) => Redis.KeyDeleteAsync(Key(userName));

    private static RedisKey Key(string userName) => $"ghippo:login-failures:{userName.ToLowerInvariant()}";
}
