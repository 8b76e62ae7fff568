namespace Dce.LocalServers;

/// <summary>
/// What Redis may hold and what it evicts at the cap: only keys with an expiry (caches), least recently used first.
/// Keys without one are never evicted: at the cap Redis refuses new writes instead.
/// </summary>
public static class RedisEviction
{
    public const string DefaultMaxMemory = "256mb";
    public const string Policy = "volatile-lru";
}
