using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using k8s;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ContainerManagement.Tests;

/// <summary>The clients of a replica's clusters: shared by requests that arrive together, and never disposed under a call.</summary>
public sealed class ClusterClientsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Requests_arriving_together_on_a_fresh_replica_share_one_client_that_stays_usable()
    {
        using var clients = ActivatorUtilities.CreateInstance<ClusterClients>(fixture.Platform.Module.Services);
        var cluster = await JoinedClusterAsync();

        using var together = new Barrier(16);
        var taken = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(() =>
        {
            together.SignalAndWait();
            return clients.For(cluster);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var client = Assert.Single(taken.Distinct());
        Assert.NotEmpty((await client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task A_client_replaced_by_a_changed_kubeconfig_still_answers_the_calls_that_took_it()
    {
        using var clients = ActivatorUtilities.CreateInstance<ClusterClients>(fixture.Platform.Module.Services);
        var cluster = await JoinedClusterAsync();
        var before = clients.For(cluster);

        var vault = fixture.Platform.Module.Services.GetRequiredService<KubeconfigVault>();
        var changed = await JoinedClusterAsync();
        changed.ProtectedKubeconfig = vault.Protect(vault.Unprotect(cluster.ProtectedKubeconfig));
        var after = clients.For(changed);

        Assert.NotSame(before, after);
        Assert.NotEmpty((await before.CoreV1.ListNamespaceAsync()).Items);
        Assert.NotEmpty((await after.CoreV1.ListNamespaceAsync()).Items);
    }

    private async Task<Cluster> JoinedClusterAsync()
    {
        await using var db = new ContainerManagementDbContext(new DbContextOptionsBuilder<ContainerManagementDbContext>().UseNpgsql(fixture.Platform.Module.Database).Options);
        return await db.Clusters.AsNoTracking().SingleAsync(c => c.Name == PlatformFixture.Cluster);
    }
}
