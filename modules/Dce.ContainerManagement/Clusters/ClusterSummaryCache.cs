using System.Text.Json;
using StackExchange.Redis;

namespace Dce.ContainerManagement.Clusters;

/// <summary>The latest summary of every cluster in Redis, written by the health loop and read by cluster lists.</summary>
public sealed class ClusterSummaryCache(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public Task SetAsync(string cluster, ClusterSummary summary) =>
        redis.GetDatabase().StringSetAsync(Key(cluster), JsonSerializer.Serialize(summary, Json), Lifetime);

    public async Task<IReadOnlyDictionary<string, ClusterSummary>> GetAsync(IReadOnlyList<string> clusters)
    {
        if (clusters.Count == 0)
        {
            return new Dictionary<string, ClusterSummary>();
        }

        var values = await redis.GetDatabase().StringGetAsync([.. clusters.Select(Key)]);
        var summaries = new Dictionary<string, ClusterSummary>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            if (values[i].HasValue && JsonSerializer.Deserialize<ClusterSummary>(values[i].ToString(), Json) is { } summary)
            {
                summaries[clusters[i]] = summary;
            }
        }

        return summaries;
    }

    public Task RemoveAsync(string cluster) => redis.GetDatabase().KeyDeleteAsync(Key(cluster));

    private static RedisKey Key(string cluster) => new($"kpanda:cluster-summary:{cluster}");
}
