using System.Text.Json;
using Dce.Coordination;
using StackExchange.Redis;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// The sync status every replica answers with, whichever replica syncs a cluster: each replica publishes the syncs it runs
/// to Redis (a hash per cluster, one field per type) every <see cref="PublishInterval"/>, so the write rate is bounded
/// however busy the syncs are. Redis rather than PostgreSQL: the status is volatile, rewritten every second and worthless
/// after its owner is gone (each hash expires after <see cref="Expiry"/> without a publish), and must not add load to the
/// index's database. When Redis is away the replica answers with its own syncs.
/// </summary>
internal sealed partial class SharedSyncStatus(IConnectionMultiplexer redis, ReplicaRing ring, SyncStatusRegistry registry, ILogger<SharedSyncStatus> logger)
    : BackgroundService
{
    public static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private RedisKey Clusters => $"dce:syncstatus:{ring.Name}";

    private RedisKey ClusterKey(string cluster) => $"dce:syncstatus:{ring.Name}:{cluster}";

    /// <summary>Every published sync, or this replica's own when Redis does not answer.</summary>
    public async Task<IReadOnlyList<SyncStatusSnapshot>> ReadAllAsync()
    {
        try
        {
            var db = redis.GetDatabase();
            var clusters = (await db.SetMembersAsync(Clusters)).Select(c => (string)c!).ToList();
            var hashes = await Task.WhenAll(clusters.Select(c => db.HashGetAllAsync(ClusterKey(c))));
            return [.. hashes.SelectMany(h => h).Select(entry => JsonSerializer.Deserialize<SyncStatusSnapshot>((string)entry.Value!)!)];
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException)
        {
            LogReadFailed(logger, failure);
            return [.. registry.All.Select(SyncStatusSnapshot.Of)];
        }
    }

    /// <summary>The clusters any replica published a status for.</summary>
    public async Task<IReadOnlyCollection<string>> ClustersAsync() =>
        [.. (await redis.GetDatabase().SetMembersAsync(Clusters)).Select(c => (string)c!)];

    /// <summary>Publishes what this replica knows of <paramref name="cluster"/> now, without waiting for the next round.</summary>
    public Task PublishAsync(string cluster) => PublishAsync(registry.All.Where(s => s.Cluster == cluster));

    /// <summary>Drops a forgotten cluster's status for every replica.</summary>
    public async Task RemoveAsync(string cluster)
    {
        var db = redis.GetDatabase();
        await db.KeyDeleteAsync(ClusterKey(cluster));
        await db.SetRemoveAsync(Clusters, cluster);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PublishInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PublishAsync(registry.All);
            }
            catch (Exception failure) when (failure is RedisException or TimeoutException)
            {
                LogPublishFailed(logger, failure);
            }
        }
    }

    private async Task PublishAsync(IEnumerable<ResourceSyncStatus> entries)
    {
        var db = redis.GetDatabase();
        foreach (var cluster in entries.Select(SyncStatusSnapshot.Of).GroupBy(s => s.Cluster))
        {
            var key = ClusterKey(cluster.Key);
            var transaction = db.CreateTransaction();
            _ = transaction.SetAddAsync(Clusters, cluster.Key);
            _ = transaction.HashSetAsync(key, [.. cluster.Select(s => new HashEntry(s.Field, JsonSerializer.Serialize(s)))]);
            _ = transaction.KeyExpireAsync(key, Expiry);
            await transaction.ExecuteAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the sync status to Redis failed; retrying")]
    private static partial void LogPublishFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the shared sync status from Redis failed; answering with this replica's own syncs")]
    private static partial void LogReadFailed(ILogger logger, Exception failure);
}
