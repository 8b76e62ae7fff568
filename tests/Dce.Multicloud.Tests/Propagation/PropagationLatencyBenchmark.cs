using System.Diagnostics;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Propagation;

public sealed class PropagationLatencyBenchmark(ITestOutputHelper output)
{
    private const int Members = 10;
    private const int Workloads = 100;

    [BenchmarkFact]
    public async Task Image_changes_of_100_workloads_reach_10_members()
    {
        var names = SimulatedKarmada.ClusterNames(Members);
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 2, settings: SimulatedKarmada.HostSettings);
        await using var plane = await SimulatedKarmada.StartAsync(clusters.Kubeconfig, names, KarmadaFixture.EngineOptions("bench"));
        await plane.Api.EnsureNamespaceAsync("bench", CancellationToken.None);
        var initial = Stopwatch.StartNew();
        await plane.CreateAsync(Kinds.ClusterPropagationPolicy, null, """
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterPropagationPolicy","metadata":{"name":"all"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],"placement":{}}}
            """);
        await plane.CreateDeploymentsAsync("bench", Workloads, "nginx:1.27", replicas: 1);
        await Eventually.Until(async () => await plane.CountAsync("bench", "nginx:1.27") == Members * Workloads, "every workload in every member", TimeSpan.FromMinutes(5));
        output.WriteLine($"{Workloads} templates and their policy → {Members * Workloads} objects in {Members} members: {initial.Elapsed.TotalSeconds:F1} s");

        var latencies = new List<double>();
        for (var i = 0; i < Workloads; i++)
        {
            var started = Stopwatch.StartNew();
            await plane.Api.UpdateAsync(TemplateKinds.Deployment, "bench", $"w{i}", template =>
            {
                template["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
                return true;
            }, CancellationToken.None);
            await Eventually.Until(async () => await plane.ImagesAsync("bench", $"w{i}", "nginx:1.28") == Members, "the change in every member");
            latencies.Add(started.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"template written → all {Members} members, with {Workloads} workloads: p50 {Percentiles.Of(latencies, 50):F0} ms, " +
            $"p99 {Percentiles.Of(latencies, 99):F0} ms, max {latencies.Max():F0} ms ({latencies.Count} changes, one per workload)");
    }
}
