using System.Net;
using Dce.GlobalManagement.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>A password check that was allowed to happen, and the counters it was charged to.</summary>
public sealed record LoginAttempt(RedisValue UserField, RedisValue AddressField);

/// <summary>
/// Limits password guesses: at most <see cref="IdentityProviderOptions.MaxFailedLogins"/> per user and client address,
/// and <see cref="IdentityProviderOptions.MaxFailedLoginsPerAddress"/> per address across all user names, per lockout
/// window. An attempt is charged before the password is verified, in one Lua script, so parallel requests cannot get
/// more verifications than the limit; a success gives its charge back. Another address is never locked out by this one.
/// </summary>
/// <remarks>
/// The counters are fields of one hash without expiry, because the platform's Redis evicts keys that have one
/// (volatile-lru): each field holds its count and the start of its window, and every call sweeps a few fields whose
/// window is over, so the hash holds at most one window's attempts. Unknown user names are charged to the address only,
/// so they leave nothing per name. A user's fields carry its security stamp: a password reset starts them afresh.
/// </remarks>
public sealed class LoginLockout(IConnectionMultiplexer redis, IOptions<IdentityProviderOptions> options, TimeProvider time)
{
    private static readonly RedisKey Counters = "ghippo:login-attempts";
    private static readonly RedisKey SweepCursor = "ghippo:login-attempts:sweep";

    // ARGV: now, window, then (field, limit) pairs; answers 1 and charges every field, or 0 and charges none.
    private const string ChargeScript = """
        local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        local charged = {}
        for i = 3, #ARGV, 2 do
          local count, started = 0, now
          local value = redis.call('HGET', KEYS[1], ARGV[i])
          if value then
            local c, s = string.match(value, '^(%d+):(%d+)$')
            if c and now - tonumber(s) < window then count, started = tonumber(c), tonumber(s) end
          end
          if count >= tonumber(ARGV[i + 1]) then return 0 end
          charged[#charged + 1] = { ARGV[i], (count + 1) .. ':' .. started }
        end
        for _, field in ipairs(charged) do redis.call('HSET', KEYS[1], field[1], field[2]) end
        local scan = redis.call('HSCAN', KEYS[1], redis.call('GET', KEYS[2]) or '0', 'COUNT', 20)
        redis.call('SET', KEYS[2], scan[1])
        for i = 1, #scan[2], 2 do
          local s = string.match(scan[2][i + 1], ':(%d+)$')
          if not s or now - tonumber(s) >= window then redis.call('HDEL', KEYS[1], scan[2][i]) end
        end
        return 1
        """;

    // ARGV: fields to give one charge back to.
    private const string RefundScript = """
        for i = 1, #ARGV do
          local value = redis.call('HGET', KEYS[1], ARGV[i])
          if value then
            local c, s = string.match(value, '^(%d+):(%d+)$')
            if c and tonumber(c) > 1 then redis.call('HSET', KEYS[1], ARGV[i], (tonumber(c) - 1) .. ':' .. s)
            else redis.call('HDEL', KEYS[1], ARGV[i]) end
          end
        end
        return 1
        """;

    private IDatabase Redis => redis.GetDatabase();

    /// <summary>Charges one password check of <paramref name="user"/> (null: an unknown name) from <paramref name="client"/>; null when locked.</summary>
    public async Task<LoginAttempt?> TryBeginAsync(User? user, IPAddress? client)
    {
        var settings = options.Value;
        var address = client?.ToString() ?? "unknown";
        var attempt = new LoginAttempt(
            user is null ? RedisValue.Null : (RedisValue)$"user:{user.Id:N}:{user.SecurityStamp:N}|{address}",
            $"address:{address}");
        var arguments = new List<RedisValue>
        {
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            (long)TimeSpan.FromMinutes(settings.LockoutMinutes).TotalMilliseconds,
            attempt.AddressField,
            settings.MaxFailedLoginsPerAddress,
        };
        if (!attempt.UserField.IsNull)
        {
            arguments.AddRange([attempt.UserField, settings.MaxFailedLogins]);
        }

        var allowed = (long)await Redis.ScriptEvaluateAsync(ChargeScript, [Counters, SweepCursor], [.. arguments]);
        return allowed == 1 ? attempt : null;
    }

    /// <summary>The password was right: the attempt counts against neither the user nor the address.</summary>
    public Task SucceededAsync(LoginAttempt attempt)
    {
        RedisValue[] fields = attempt.UserField.IsNull ? [attempt.AddressField] : [attempt.UserField, attempt.AddressField];
        return Redis.ScriptEvaluateAsync(RefundScript, [Counters], fields);
    }
}
