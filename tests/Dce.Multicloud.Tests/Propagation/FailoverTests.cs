using Dce.Multicloud.Propagation.Controllers;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Propagation;

[Collection(KarmadaCollection.Name)]
public sealed class FailoverTests(KarmadaFixture fixture)
{
    [Fact]
    public async Task An_unreachable_member_loses_its_replicas_to_the_others_and_does_not_take_them_back_when_it_returns()
    {
        var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
        await Eventually.Until(async () => (await Task.WhenAll(KarmadaFixture.Members.Select(fixture.ReadyAsync))).All(ready => ready), "every member Ready");
        await scenario.ApplyAsync(PropagationScenario.Policy("resilient", "resilient", """
                clusterAffinity: {clusterNames: [member-1, member-2, member-3]}
                replicaScheduling:
                  replicaSchedulingType: Divided
                  replicaDivisionPreference: Weighted
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("resilient", 6));
        await scenario.MembersRunAsync("resilient", new Dictionary<string, int> { ["member-1"] = 2, ["member-2"] = 2, ["member-3"] = 2 });
        await Eventually.Until(async () => await AvailableAsync(scenario, "member-1", "member-2", "member-3") == 6, "all six replicas available");

        var lowest = int.MaxValue;
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, await AvailableAsync(scenario, "member-1", "member-2"));
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
            await fixture.Clusters.SetUnreachableAsync("member-3", true);
            await Eventually.Until(async () =>
            {
                var binding = await scenario.BindingAsync("resilient-deployment");
                var targets = BindingScheduler.TargetsOf(binding!);
                return targets.Count == 2 && targets.All(target => target.Replicas == 3);
            }, "the binding evicted from member-3, its replicas on the others");
            await Eventually.Until(async () => await AvailableAsync(scenario, "member-1", "member-2") == 6, "six replicas available on member-1 and member-2");
        }
        finally
        {
            await fixture.Clusters.SetUnreachableAsync("member-3", false);
        }

        await Eventually.HoldsAsync(async () => await scenario.MemberDeploymentAsync("member-3", "resilient") is null,
            async () => $"the evicted copy removed once member-3 is back; binding {(await scenario.BindingAsync("resilient-deployment"))?.ToJsonString()}; "
                + await fixture.Kubectl.OkAsync("get", "works,clusters", "-A", "-o", "json"));
        await watching.CancelAsync();
        await watch;
        Assert.True(lowest >= 4, $"member-1 and member-2 kept their replicas available while member-3 was away (lowest {lowest}).");
        var after = BindingScheduler.TargetsOf((await scenario.BindingAsync("resilient-deployment"))!);
        Assert.Equal(["member-1", "member-2"], after.Select(target => target.Name));
        await scenario.MembersRunAsync("resilient", new Dictionary<string, int> { ["member-1"] = 3, ["member-2"] = 3 });
    }

    [Fact]
    public async Task A_duplicated_workload_reaches_a_member_that_becomes_ready_after_it_was_scheduled()
    {
        var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
        await fixture.Clusters.SetUnreachableAsync("member-2", true);
        try
        {
            await Eventually.Until(async () => !await fixture.ReadyAsync("member-2"), "member-2 NotReady");
            await scenario.ApplyAsync(PropagationScenario.Policy("late", "late", """
                    clusterAffinity: {clusterNames: [member-1, member-2, member-3]}
                """));
            await scenario.ApplyAsync(PropagationScenario.Deployment("late", 1));
            await Eventually.Until(async () =>
                await scenario.BindingAsync("late-deployment") is { } binding && BindingScheduler.TargetsOf(binding).Select(target => target.Name).SequenceEqual(["member-1", "member-3"])
                && await scenario.MemberDeploymentAsync("member-1", "late") is not null && await scenario.MemberDeploymentAsync("member-3", "late") is not null,
                "the ready members running it");
        }
        finally
        {
            await fixture.Clusters.SetUnreachableAsync("member-2", false);
        }

        await scenario.MembersRunAsync("late", new Dictionary<string, int> { ["member-1"] = 1, ["member-2"] = 1, ["member-3"] = 1 });
        Assert.Equal(["member-1", "member-2", "member-3"], BindingScheduler.TargetsOf((await scenario.BindingAsync("late-deployment"))!).Select(target => target.Name));
    }

    private static async Task<int> AvailableAsync(PropagationScenario scenario, params string[] members)
    {
        var total = 0;
        foreach (var member in members)
        {
            total += (await scenario.MemberDeploymentAsync(member, "resilient"))?.Status?.AvailableReplicas ?? 0;
        }

        return total;
    }
}
