using StackExchange.Redis;

namespace Dce.ServiceDefaults.Authentication;

/// <summary>
/// Where every module reads which tokens are still good. Each user has a random security stamp, kept by Global
/// Management in PostgreSQL and mirrored to Redis; every access token carries the stamp it was issued with. Changing a
/// password, resetting it, disabling or deleting the user or taking away its roles replaces (or deletes) the stamp, so
/// every token issued before stops matching. The keys have no expiry, so an eviction policy never drops one; the
/// sentinel says the mirror is complete, and a Redis that lost it (flushed, restarted empty) is treated as
/// unavailable until Global Management has rebuilt the mirror from PostgreSQL.
/// </summary>
public static class SecurityStamps
{
    /// <summary>The token claim holding the stamp.</summary>
    public const string ClaimType = "dce_stamp";

    /// <summary>The sentinel Global Management writes after a complete rebuild of the mirror.</summary>
    public static readonly RedisKey SentinelKey = "dce:identity:stamps-ready";

    /// <summary>The Redis key of a user's current stamp; absent when the user is disabled or deleted.</summary>
    public static RedisKey KeyOf(string subject) => $"dce:identity:stamp:{subject}";
}
