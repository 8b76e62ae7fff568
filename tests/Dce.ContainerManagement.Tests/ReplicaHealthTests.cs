using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.Coordination;
using Dce.Testing;
using Dce.Testing.Hosts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ContainerManagement.Tests;

/// <summary>Two replicas of Container Management on one database and Redis database share the health probes.</summary>
public sealed class ReplicaHealthTests
{
    private static readonly string[] ClusterNames = ["north", "south", "east", "west"];

    [Fact]
    public async Task Replicas_join_the_embedded_clusters_once_probe_each_cluster_on_its_owner_only_and_the_survivor_probes_all()
    {
        await using var platform = await ContainerManagementPlatform.StartAsync(ClusterNames, healthInterval: TimeSpan.FromMilliseconds(500));
        var replica = platform.Module.StartReplica();
        try
        {
            ContainerManagementHost[] replicas = [platform.Module, replica];
            await Eventually.HoldsAsync(() => replicas.All(r => Ring(r).Members.Count == 2) && replicas.All(ProbesExactlyItsOwn), () => Describe(replicas));
            await platform.WaitForSummariesAsync(ClusterNames);

            await using (var db = new ContainerManagementDbContext(new DbContextOptionsBuilder<ContainerManagementDbContext>().UseNpgsql(platform.Module.Database).Options))
            {
                var joined = await db.Clusters.AsNoTracking().Select(c => new { c.Name, c.Incarnation }).ToListAsync();
                Assert.Equal(ClusterNames.Order(StringComparer.Ordinal), joined.Select(c => c.Name).Order(StringComparer.Ordinal));
                Assert.Equal(joined.Count, joined.Select(c => c.Incarnation).Distinct().Count());
            }

            await replica.DisposeAsync();
            await Eventually.HoldsAsync(() => ClusterNames.All(Monitor(platform.Module).Probed.Contains), () => Describe([platform.Module]));
        }
        finally
        {
            await replica.DisposeAsync();
        }
    }

    private static bool ProbesExactlyItsOwn(ContainerManagementHost replica) =>
        ClusterNames.Where(Ring(replica).Owns).Order(StringComparer.Ordinal).SequenceEqual(Monitor(replica).Probed.Order(StringComparer.Ordinal));

    private static ReplicaRing Ring(ContainerManagementHost host) => host.Services.GetRequiredService<ReplicaRing>();

    private static ClusterHealthMonitor Monitor(ContainerManagementHost host) => host.Services.GetRequiredService<ClusterHealthMonitor>();

    private static string Describe(IEnumerable<ContainerManagementHost> replicas) => string.Join("; ", replicas.Select(r =>
        $"{Ring(r).ReplicaId} sees [{string.Join(", ", Ring(r).Members)}] and probes [{string.Join(", ", Monitor(r).Probed)}]"));
}
