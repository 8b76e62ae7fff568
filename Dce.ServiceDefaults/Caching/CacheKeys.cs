using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Dce.ServiceDefaults.Caching;

/// <summary>Cache keys of a fixed length: what a caller controls (names from a route, a question) enters only as a digest.</summary>
public static class CacheKeys
{
    public static RedisKey Bounded(string prefix, string callerControlled) =>
        new($"{prefix}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callerControlled)))}");
}
