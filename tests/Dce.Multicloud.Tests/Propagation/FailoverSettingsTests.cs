using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>The instance's failover settings, kept in the control plane, decide whether and when a failed member loses its workloads.</summary>
[Collection(KarmadaCollection.Name)]
public sealed class FailoverSettingsTests(KarmadaFixture fixture)
{
    [Fact]
    public async Task With_failover_off_an_unreachable_member_keeps_its_replicas_and_turning_it_on_moves_them()
    {
        var scenario = new PropagationScenario(fixture, await fixture.NamespaceAsync());
        await scenario.ApplyAsync(PropagationScenario.Policy("kept", "kept", """
                clusterAffinity: {clusterNames: [member-1, member-3]}
                replicaScheduling:
                  replicaSchedulingType: Divided
                  replicaDivisionPreference: Weighted
            """));
        await scenario.ApplyAsync(PropagationScenario.Deployment("kept", 4));
        await scenario.MembersRunAsync("kept", new Dictionary<string, int> { ["member-1"] = 2, ["member-3"] = 2 });
        await fixture.Kubectl.ApplyAsync(Settings(enabled: false));
        try
        {
            await fixture.Clusters.SetUnreachableAsync("member-3", true);
            await Eventually.Until(async () => (await fixture.Kubectl.OkAsync("get", "clusters.cluster.karmada.io", "member-3", "-o", "jsonpath={.spec.taints[*].effect}"))
                .Contains("NoExecute", StringComparison.Ordinal), "member-3 tainted NoExecute");

            // Three times the engine's default toleration in these tests: with failover on, it would have moved by then.
            await Eventually.HoldsAsync(async () => Targets(await scenario.BindingAsync("kept-deployment")) == "member-1,member-3",
                async () => $"failover is off, so the binding keeps member-3: {(await scenario.BindingAsync("kept-deployment"))?["spec"]?["clusters"]?.ToJsonString()}",
                TimeSpan.FromSeconds(9));

            await fixture.Kubectl.ApplyAsync(Settings(enabled: true, failoverEvictionTimeout: 1));
            await Eventually.Until(async () => Targets(await scenario.BindingAsync("kept-deployment")) == "member-1", "the binding moved off member-3 once failover is on");
        }
        finally
        {
            await fixture.Clusters.SetUnreachableAsync("member-3", false);
            await fixture.Kubectl.OkAsync("delete", "configmap", "-n", FailoverSettings.Namespace, FailoverSettings.Name, "--ignore-not-found");
        }
    }

    private static string Targets(System.Text.Json.Nodes.JsonObject? binding) =>
        binding is null ? "" : string.Join(',', BindingScheduler.TargetsOf(binding).Select(target => target.Name).Order(StringComparer.Ordinal));

    private static string Settings(bool enabled, int? failoverEvictionTimeout = null) => new FailoverSettings(
        enabled, failoverEvictionTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null, null).ToConfigMap().ToJsonString();
}
