using Dce.Testing;
using StackExchange.Redis;

namespace Dce.Coordination.Tests;

public sealed class ReplicaRingTests
{
    [Fact]
    public async Task Three_replicas_share_every_key_exactly_once()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        var name = $"share-{Guid.NewGuid():N}";
        ReplicaRing[] rings = [await Rings.StartAsync(redis, name), await Rings.StartAsync(redis, name), await Rings.StartAsync(redis, name)];
        try
        {
            await Eventually.HoldsAsync(() => rings.All(r => r.Members.Count == 3), () => Rings.Describe(rings));

            var keys = Rings.Keys(300);
            foreach (var key in keys)
            {
                Assert.Single(rings, r => r.Owns(key));
            }

            Assert.All(rings, r => Assert.Contains(keys, r.Owns));
        }
        finally
        {
            foreach (var ring in rings)
            {
                await ring.StopAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task A_replica_that_stops_heartbeating_loses_its_keys_after_its_ttl_and_only_its_keys_move()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        var name = $"death-{Guid.NewGuid():N}";
        var survivors = new[] { await Rings.StartAsync(redis, name), await Rings.StartAsync(redis, name) };
        var dying = await Rings.StartAsync(redis, name);
        try
        {
            ReplicaRing[] all = [.. survivors, dying];
            await Eventually.HoldsAsync(() => all.All(r => r.Members.Count == 3), () => Rings.Describe(all));
            var keys = Rings.Keys(300);
            var before = survivors.ToDictionary(r => r, r => keys.Where(r.Owns).ToHashSet());
            var orphaned = keys.Where(dying.Owns).ToList();
            Assert.NotEmpty(orphaned);

            var changes = 0;
            survivors[0].Changed += () => Interlocked.Increment(ref changes);
            await dying.AbandonAsync();
            Assert.DoesNotContain(keys, dying.Owns);

            await Eventually.HoldsAsync(() => survivors.All(r => r.Members.Count == 2), () => Rings.Describe(survivors));
            foreach (var key in keys)
            {
                Assert.Single(survivors, r => r.Owns(key));
            }

            foreach (var survivor in survivors)
            {
                Assert.Superset(before[survivor], keys.Where(survivor.Owns).ToHashSet());
            }

            Assert.True(Volatile.Read(ref changes) > 0, "the survivors hear of the change");
        }
        finally
        {
            foreach (var ring in survivors)
            {
                await ring.StopAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task A_replica_that_stops_gracefully_leaves_at_once()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        var name = $"leave-{Guid.NewGuid():N}";
        var staying = await Rings.StartAsync(redis, name);
        var leaving = await Rings.StartAsync(redis, name);
        await staying.RefreshAsync();
        Assert.Equal(2, staying.Members.Count);

        await leaving.StopAsync(CancellationToken.None);
        await staying.RefreshAsync();

        Assert.Equal([staying.ReplicaId], staying.Members);
        Assert.All(Rings.Keys(50), key => Assert.True(staying.Owns(key)));
        await staying.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_replica_that_lost_redis_owns_nothing()
    {
        await using var server = await LocalRedis.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},abortConnect=false,connectTimeout=500,syncTimeout=500,asyncTimeout=500");
        var ring = await Rings.StartAsync(redis, $"lost-{Guid.NewGuid():N}");
        try
        {
            Assert.All(Rings.Keys(20), key => Assert.True(ring.Owns(key)));

            await server.StopAsync();

            await Eventually.Until(() => ring.Members.Count == 0, "the cut-off replica drops its view of the ring");
            Assert.All(Rings.Keys(20), key => Assert.False(ring.Owns(key)));
        }
        finally
        {
            await ring.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replica_stopped_after_its_connection_was_disposed_stops_without_throwing()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedMiddleware.RedisAsync()).ConnectionString);
        var ring = await Rings.StartAsync(redis, $"disposed-{Guid.NewGuid():N}");
        await redis.DisposeAsync();

        await ring.StopAsync(CancellationToken.None);

        Assert.Empty(ring.Members);
    }
}
