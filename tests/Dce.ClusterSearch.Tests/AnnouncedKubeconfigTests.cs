using Dce.Testing;

namespace Dce.ClusterSearch.Tests;

/// <summary>A kubeconfig that arrives in an event from another module is untrusted input like any other.</summary>
[Trait("Category", "Security")]
public sealed class AnnouncedKubeconfigTests(ClusterEventsPlatform platform) : IClassFixture<ClusterEventsPlatform>
{
    [Fact]
    public async Task An_announced_exec_kubeconfig_never_runs_and_nothing_syncs()
    {
        const string cluster = "announced-exec";
        var marker = Path.Combine(Path.GetTempPath(), $"dce-exec-{Guid.NewGuid():N}");
        var kubeconfig = KubeconfigText.For("https://cluster.example.com:6443", $"""
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: touch
              args: ["{marker}"]
            """);

        await platform.DeliverAsync(platform.Integrated(cluster, incarnation: 1, kubeconfig));

        Assert.False(File.Exists(marker), $"the exec plugin ran: {marker} exists");
        Assert.Empty(await platform.SyncedTypesAsync(cluster));
    }
}
