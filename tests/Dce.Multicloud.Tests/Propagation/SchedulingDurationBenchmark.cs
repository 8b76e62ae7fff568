using System.Diagnostics;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>The binding scheduler's decisions as the engine's histogram reports them, for 100 workloads over 10 members.</summary>
public sealed class SchedulingDurationBenchmark(ITestOutputHelper output)
{
    private const int Members = 10;
    private const int WorkloadsPerStrategy = 50;
    private const string Divided = """{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted"}}""";

    [BenchmarkFact]
    public async Task Scheduling_decisions_of_100_workloads_over_10_members()
    {
        var names = SimulatedKarmada.ClusterNames(Members);
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 2, settings: SimulatedKarmada.HostSettings);
        await using var plane = await SimulatedKarmada.StartAsync(clusters.Kubeconfig, names, KarmadaFixture.EngineOptions("bench"));
        using var durations = new SchedulingDurations();
        await plane.CreateNamespaceWithPolicyAsync("duplicated", "{}");
        await plane.CreateNamespaceWithPolicyAsync("divided", Divided);

        var initial = Stopwatch.StartNew();
        await plane.CreateDeploymentsAsync("duplicated", WorkloadsPerStrategy, "nginx:1.27", replicas: 1);
        await plane.CreateDeploymentsAsync("divided", WorkloadsPerStrategy, "nginx:1.27", replicas: 10);
        await Eventually.Until(async () => await ScheduledAsync(plane, "duplicated", targets => targets.Count == Members) + await ScheduledAsync(plane, "divided", Holding(10)) == 2 * WorkloadsPerStrategy,
            "every binding scheduled", TimeSpan.FromMinutes(5));
        output.WriteLine($"first scheduling of {2 * WorkloadsPerStrategy} workloads over {Members} members ({initial.Elapsed.TotalSeconds:F1} s until all scheduled):");
        foreach (var line in durations.Summary())
        {
            output.WriteLine("  " + line);
        }

        durations.Clear();
        var wave = Stopwatch.StartNew();
        for (var i = 0; i < WorkloadsPerStrategy; i++)
        {
            await plane.Api.UpdateAsync(TemplateKinds.Deployment, "divided", $"w{i}", template =>
            {
                template["spec"]!["replicas"] = 20;
                return true;
            }, CancellationToken.None);
        }

        await Eventually.Until(async () => await ScheduledAsync(plane, "divided", Holding(20)) == WorkloadsPerStrategy, "every Divided binding rescheduled", TimeSpan.FromMinutes(5));
        output.WriteLine($"rescheduling after the replicas of the {WorkloadsPerStrategy} Divided workloads changed from 10 to 20 ({wave.Elapsed.TotalSeconds:F1} s until all rescheduled):");
        foreach (var line in durations.Summary())
        {
            output.WriteLine("  " + line);
        }
    }

    private static async Task<int> ScheduledAsync(SimulatedKarmada plane, string ns, Func<IReadOnlyList<TargetCluster>, bool> complete) =>
        (await plane.BindingsAsync(ns)).Count(binding => Conditions.IsTrue(binding["status"] as JsonObject, "Scheduled") && complete(BindingScheduler.TargetsOf(binding)));

    private static Func<IReadOnlyList<TargetCluster>, bool> Holding(int replicas) => targets => targets.Sum(target => target.Replicas) == replicas;
}
