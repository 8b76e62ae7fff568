using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing.KubeSim;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>
/// The engine's CPU and memory with 1,000 Duplicated Deployments over 20 members, the simulated clusters in a KubeSim
/// process of their own so that this process holds the engine, the test and its clients only. Every cluster serves the
/// API only: simulating 20,000 Deployments' pods would take the machine's cores from the engine being measured.
/// </summary>
public sealed class EngineFootprintBenchmark(ITestOutputHelper output)
{
    private const int Members = 20;
    private const int Workloads = 1000;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);
    private static readonly ParallelOptions Writers = new() { MaxDegreeOfParallelism = 8 };

    [BenchmarkFact]
    public async Task The_engine_serves_1000_workloads_over_20_members()
    {
        var names = SimulatedKarmada.ClusterNames(Members);
        await using var kubeSim = await KubeSimProcess.StartAsync(names, KubeSimConfiguration.For(names, workerNodes: 2, settings: SimulatedKarmada.ApiServerOnly(names.Count)));
        await using var footprint = new ProcessFootprint();
        output.WriteLine($"before the engine: GC heap {Megabytes(footprint.GcHeapBytes)}, working set {Megabytes(footprint.WorkingSetBytes)}");
        var options = new PropagationOptions { ReplicaId = "bench" };
        await using var plane = await SimulatedKarmada.StartAsync(kubeSim.Kubeconfig, names, options);
        using var durations = new SchedulingDurations();
        await plane.Api.EnsureNamespaceAsync("bench", CancellationToken.None);
        await plane.CreateAsync(Kinds.ClusterPropagationPolicy, null, """
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterPropagationPolicy","metadata":{"name":"all"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],"placement":{}}}
            """);

        var propagation = footprint.Begin();
        await Parallel.ForAsync(0, Workloads, Writers, async (i, cancellationToken) =>
            await plane.Api.CreateAsync(TemplateKinds.Deployment, "bench", SimulatedKarmada.Deployment("bench", $"w{i}", "nginx:1.27", 1), cancellationToken));
        output.WriteLine($"{Workloads} templates written after {propagation.Elapsed.TotalSeconds:F1} s");
        var placed = await AllPropagatedAsync(plane, "nginx:1.27", propagation);
        output.WriteLine($"propagation of {Workloads} templates → {placed} member objects: {propagation}");
        output.WriteLine($"  bindings scheduled on fewer than {Members} members: {await ShortOfMembersAsync(plane)}");
        foreach (var line in durations.Summary())
        {
            output.WriteLine("  scheduling " + line);
        }

        output.WriteLine($"  GC heap {Megabytes(footprint.GcHeapBytes)}, working set {Megabytes(footprint.WorkingSetBytes)}, peaks {Megabytes(footprint.PeakGcHeapBytes)} and {Megabytes(footprint.PeakWorkingSetBytes)}");
        if (placed is null)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(15));
        var count = footprint.Begin();
        await plane.CountAsync("bench", "nginx:1.27");
        output.WriteLine($"one check of all {Members} members by the test (in this process, not the engine): {count}");
        var idle = footprint.Begin();
        await Task.Delay(IdleWindow);
        output.WriteLine($"idle with {Workloads} workloads (resync every {options.ResyncInterval.TotalSeconds} s): {idle}; " +
            $"GC heap {Megabytes(footprint.GcHeapBytes)}, working set {Megabytes(footprint.WorkingSetBytes)}");

        var wave = footprint.Begin();
        await Parallel.ForAsync(0, Workloads, Writers, async (i, cancellationToken) =>
            await plane.Api.UpdateAsync(TemplateKinds.Deployment, "bench", $"w{i}", template =>
            {
                template["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
                return true;
            }, cancellationToken));
        output.WriteLine($"{Workloads} templates changed after {wave.Elapsed.TotalSeconds:F1} s");
        placed = await AllPropagatedAsync(plane, "nginx:1.28", wave);
        output.WriteLine($"change wave (every template's image) → {placed} member objects: {wave}");
        output.WriteLine($"peaks over the run: GC heap {Megabytes(footprint.PeakGcHeapBytes)}, working set {Megabytes(footprint.PeakWorkingSetBytes)}");
    }

    // Done when every template has a scheduled binding and every target member holds the object; the members are read
    // every 5 s only, to keep the test's own share of this process small, and the progress printed each minute. A member
    // NotReady when a binding was scheduled is not among its targets, so the count can stay below members × workloads.
    // Null when not done within the patience: what was reached is printed, and the phases after it are not measured.
    private async Task<int?> AllPropagatedAsync(SimulatedKarmada plane, string image, ProcessFootprint.Phase phase)
    {
        for (var poll = 1; ; poll++)
        {
            var bindings = await plane.BindingsAsync("bench");
            var expected = bindings.Sum(binding => BindingScheduler.TargetsOf(binding).Count);
            var placed = await plane.CountAsync("bench", image);
            if (bindings.Count == Workloads && bindings.All(binding => BindingScheduler.TargetsOf(binding).Count > 0) && placed == expected)
            {
                return expected;
            }

            if (poll % 12 == 0 || phase.Elapsed > Patience)
            {
                output.WriteLine($"  {image}: {placed} objects in the members, {bindings.Count(binding => BindingScheduler.TargetsOf(binding).Count > 0)} bindings scheduled; {phase}");
            }

            if (phase.Elapsed > Patience)
            {
                output.WriteLine($"  not propagated within {Patience.TotalMinutes} minutes: the phases after it are not measured");
                return null;
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<int> ShortOfMembersAsync(SimulatedKarmada plane) =>
        (await plane.BindingsAsync("bench")).Count(binding => BindingScheduler.TargetsOf(binding).Count < Members);

    private static string Megabytes(long bytes) => $"{bytes / 1e6:F0} MB";
}
