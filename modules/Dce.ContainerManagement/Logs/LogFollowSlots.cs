using Dce.ServiceDefaults.Caching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.ContainerManagement.Logs;

/// <summary>
/// How many logs one user follows at once, counted across replicas in Redis: one sorted set per user whose members are
/// open follows scored by the end of their lease. A follow renews its lease while it streams; one whose replica died
/// stops being counted when its lease ends, and the set itself expires once no follow renews it.
/// </summary>
public sealed class LogFollowSlots(IConnectionMultiplexer redis, IOptions<ContainerManagementOptions> options, TimeProvider time)
{
    // Drops ended leases, then takes a slot when fewer than the cap are held.
    private const string AcquireScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    // Extends a lease still held; a lease already ended is not taken back.
    private const string RenewScript = """
        if redis.call('ZSCORE', KEYS[1], ARGV[2]) == false then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    public TimeSpan Lease => options.Value.LogFollowLease;

    public int MaxPerUser => options.Value.MaxLogFollowsPerUser;

    /// <summary>A slot for <paramref name="subject"/>, or null when they already follow as many logs as allowed.</summary>
    public async Task<string?> TryAcquireAsync(string subject)
    {
        var slot = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var taken = (long)await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, [Key(subject)],
            [now, now + (long)Lease.TotalMilliseconds, MaxPerUser, slot, (long)(Lease.TotalMilliseconds * 2)]);
        return taken == 1 ? slot : null;
    }

    /// <summary>False when the slot's lease already ended: the follow is no longer counted and must stop.</summary>
    public async Task<bool> RenewAsync(string subject, string slot)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var held = (long)await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [Key(subject)],
            [now + (long)Lease.TotalMilliseconds, slot, (long)(Lease.TotalMilliseconds * 2)]);
        return held == 1;
    }

    public Task ReleaseAsync(string subject, string slot) => redis.GetDatabase().SortedSetRemoveAsync(Key(subject), slot);

    // A subject is not bounded in length: the key holds its digest.
    private static RedisKey Key(string subject) => CacheKeys.Bounded("kpanda:log-follows", subject);
}
