using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;

namespace Dce.ClusterSearch.Tests;

/// <summary>Events about a cluster may arrive late or again: none of them brings a removed cluster or its credentials back.</summary>
[Trait("Category", "Security")]
public sealed class ClusterEventOrderTests(ClusterEventsPlatform platform) : IClassFixture<ClusterEventsPlatform>
{
    [Fact]
    public async Task A_cluster_integrated_event_delivered_after_its_removal_is_ignored_and_a_later_join_syncs_again()
    {
        const string cluster = "delta";

        await platform.DeliverAsync(new ClusterRemoved(cluster, Incarnation: 7), platform.Integrated(cluster, incarnation: 7), platform.Integrated(cluster, incarnation: 6));

        Assert.False(await platform.IsKnownAsync(cluster));
        Assert.Empty(await platform.SyncedTypesAsync(cluster));

        await platform.DeliverAsync(platform.Integrated(cluster, incarnation: 8));

        Assert.True(await platform.IsKnownAsync(cluster));
        await Eventually.Until(async () => (await platform.SyncedTypesAsync(cluster)).Count > 0, "the re-joined cluster syncing");
    }

    [Fact]
    public async Task A_late_removal_of_an_older_join_leaves_the_current_join_alone()
    {
        const string cluster = "epsilon";

        await platform.DeliverAsync(platform.Integrated(cluster, incarnation: 3), new ClusterRemoved(cluster, Incarnation: 2));

        Assert.True(await platform.IsKnownAsync(cluster));
        await Eventually.Until(async () => (await platform.SyncedTypesAsync(cluster)).Count > 0, "the current join syncing");
    }
}
