using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Dce.Coordination.Tests;

/// <summary>Rings of one name on one Redis, as replicas of one module would have, with short timings.</summary>
internal static class Rings
{
    public static readonly CoordinationOptions Fast = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        MemberTtl = TimeSpan.FromSeconds(2),
        LeaseCheckInterval = TimeSpan.FromMilliseconds(500),
    };

    public static async Task<ReplicaRing> StartAsync(IConnectionMultiplexer redis, string name)
    {
        var ring = new ReplicaRing(name, redis, Fast, TimeProvider.System, NullLogger.Instance);
        await ring.StartAsync(CancellationToken.None);
        return ring;
    }

    public static string[] Keys(int count) => [.. Enumerable.Range(0, count).Select(i => $"cluster-{i}")];

    public static string Describe(IEnumerable<ReplicaRing> rings) =>
        string.Join("; ", rings.Select(r => $"{r.ReplicaId} sees [{string.Join(", ", r.Members)}]"));
}
