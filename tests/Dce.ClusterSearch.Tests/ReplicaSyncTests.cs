using Dce.ClusterSearch.Sync;
using Dce.Coordination;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ClusterSearch.Tests;

/// <summary>Two replicas of Cluster Search on one database, Redis database and queue split the clusters between them.</summary>
public sealed class ReplicaSyncTests : IAsyncLifetime
{
    private readonly SearchPlatform _platform = new();
    private ClusterSearchHost _replica = null!;

    public async Task InitializeAsync()
    {
        await _platform.InitializeAsync();
        _replica = _platform.Search.Replica();
        _ = _replica.Server;
    }

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task Each_cluster_is_synced_by_exactly_its_owner_and_the_survivor_takes_all_when_the_other_stops()
    {
        ClusterSearchHost[] replicas = [_platform.Search, _replica];
        await Eventually.HoldsAsync(() => replicas.All(r => Ring(r).Members.Count == 2) && replicas.All(SyncsExactlyItsOwn),
            () => Describe(replicas));

        var removed = SearchPlatform.ClusterNames[^1];
        await _platform.Search.PublishAsync(new ClusterRemoved(removed));
        await Eventually.HoldsAsync(async () => replicas.All(r => !Supervisor(r).Running.Contains(removed))
                && !(await _platform.Search.IndexAsync()).Keys.Any(k => k.StartsWith($"{removed}|", StringComparison.Ordinal)),
            () => Task.FromResult(Describe(replicas)));

        await _replica.DisposeAsync();
        var remaining = SearchPlatform.ClusterNames[..^1];
        await Eventually.HoldsAsync(() => remaining.All(Supervisor(_platform.Search).Running.Contains), () => Describe([_platform.Search]));
    }

    private static bool SyncsExactlyItsOwn(ClusterSearchHost replica)
    {
        var ring = Ring(replica);
        var owned = SearchPlatform.ClusterNames.Where(ring.Owns).Order(StringComparer.Ordinal);
        return owned.SequenceEqual(Supervisor(replica).Running.Order(StringComparer.Ordinal));
    }

    private static ReplicaRing Ring(ClusterSearchHost host) => host.Services.GetRequiredService<ReplicaRing>();

    private static SyncSupervisor Supervisor(ClusterSearchHost host) => host.Services.GetRequiredService<SyncSupervisor>();

    private static string Describe(IEnumerable<ClusterSearchHost> replicas) => string.Join("; ", replicas.Select(r =>
        $"{Ring(r).ReplicaId} sees [{string.Join(", ", Ring(r).Members)}] and syncs [{string.Join(", ", Supervisor(r).Running)}]"));
}
