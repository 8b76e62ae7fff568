using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Leadership;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Propagation;

[Collection(KarmadaCollection.Name)]
public sealed class LeaderElectionTests(KarmadaFixture fixture)
{
    [Fact]
    public async Task A_second_engine_waits_while_the_first_holds_the_lease()
    {
        using var stop = new CancellationTokenSource();
        var second = fixture.StartEngine("replica-b", stop.Token);
        var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
        await scenario.ApplyAsync(PropagationScenario.Policy("led", "led", "    clusterAffinity: {clusterNames: [member-1]}"));
        await scenario.ApplyAsync(PropagationScenario.Deployment("led", 1));
        await scenario.MembersRunAsync("led", new Dictionary<string, int> { ["member-1"] = 1 });

        Assert.Equal("replica-a", await HolderAsync());
        await stop.CancelAsync();
        await second;
        Assert.Equal("replica-a", await HolderAsync());
    }

    [Fact]
    public async Task A_waiting_engine_takes_over_when_the_leader_stops()
    {
        using var stopLeader = new CancellationTokenSource();
        using var stopFollower = new CancellationTokenSource();
        await Eventually.Until(async () => await HolderAsync() == "replica-a", "replica-a leading");
        var leader = fixture.StartEngine("replica-c", stopLeader.Token);
        var follower = fixture.StartEngine("replica-d", stopFollower.Token);
        try
        {
            await fixture.StopMainEngineAsync();
            await Eventually.Until(async () => await HolderAsync() is "replica-c" or "replica-d", "a waiting replica taking the lease");
            var first = await HolderAsync();
            await (first == "replica-c" ? stopLeader : stopFollower).CancelAsync();
            var remaining = first == "replica-c" ? "replica-d" : "replica-c";
            await Eventually.Until(async () => await HolderAsync() == remaining, "the last replica taking the lease");

            var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
            await scenario.ApplyAsync(PropagationScenario.Policy("handover", "handover", "    clusterAffinity: {clusterNames: [member-2]}"));
            await scenario.ApplyAsync(PropagationScenario.Deployment("handover", 1));
            await scenario.MembersRunAsync("handover", new Dictionary<string, int> { ["member-2"] = 1 });
        }
        finally
        {
            await stopLeader.CancelAsync();
            await stopFollower.CancelAsync();
            await Task.WhenAll(leader, follower);
            fixture.RestartMainEngine();
            await Eventually.Until(async () => await HolderAsync() == "replica-a", "replica-a leading again");
        }
    }

    private async Task<string?> HolderAsync() =>
        (await fixture.Api.GetAsync(Kinds.Lease, LeaseElector.LeaseNamespace, LeaseElector.LeaseName, CancellationToken.None))?["spec"]?["holderIdentity"]?.GetValue<string>();
}
