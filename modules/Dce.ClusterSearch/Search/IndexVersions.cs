using Dce.ClusterSearch.Model;
using StackExchange.Redis;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// A counter per indexed type in Redis, bumped after every write that touched the type. Cached search answers are
/// keyed by it, so an answer is served from the cache only while nothing of its type changed since.
/// </summary>
internal sealed partial class IndexVersions(IConnectionMultiplexer redis, ILogger<IndexVersions> logger)
{
    private const string Prefix = "clustersearch:index-version:";

    public async Task BumpAsync(IReadOnlyCollection<ResourceType> types, CancellationToken cancellationToken)
    {
        if (types.Count == 0)
        {
            return;
        }

        try
        {
            var db = redis.GetDatabase();
            await Task.WhenAll(types.Select(t => db.StringIncrementAsync(Key(t)))).WaitAsync(cancellationToken);
        }
        catch (RedisException error)
        {
            // Without the bump a cached answer could outlive the data: drop the counters so every cache key misses.
            LogBumpFailed(logger, error);
            await TryForgetAsync(types);
        }
    }

    /// <summary>The current version of <paramref name="type"/>, or null when Redis cannot say (then nothing is cached).</summary>
    public async Task<long?> CurrentAsync(ResourceType type)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(type));
            return value.IsNull ? 0 : (long)value;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private async Task TryForgetAsync(IReadOnlyCollection<ResourceType> types)
    {
        try
        {
            var db = redis.GetDatabase();
            foreach (var type in types)
            {
                await db.StringSetAsync(Key(type), Guid.NewGuid().GetHashCode());
            }
        }
        catch (RedisException)
        {
            // Redis is down altogether: searches cannot read the cache either.
        }
    }

    private static string Key(ResourceType type) => Prefix + type.Group + "/" + type.Resource;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bump the search index version in Redis")]
    private static partial void LogBumpFailed(ILogger logger, Exception error);
}
