using System.Diagnostics;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Multicloud.Propagation.Templates;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Xunit.Abstractions;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>
/// Divided workloads over 4 members, one member made unreachable per repetition: how long until its Cluster is NotReady,
/// the bindings moved off it, and all replicas Ready on the others; and the fewest Ready replicas seen meanwhile.
/// </summary>
public sealed class FailoverBenchmark(ITestOutputHelper output)
{
    private const int Members = 4;
    private const int Workloads = 20;
    private const int Replicas = 8;
    private const int Repetitions = 3;

    private static readonly PropagationOptions Options = new()
    {
        ReplicaId = "bench",
        DefaultTolerationSeconds = TimeSpan.FromSeconds(10),
    };

    [BenchmarkFact]
    public async Task A_member_fails_under_20_divided_workloads()
    {
        var names = SimulatedKarmada.ClusterNames(Members);
        await using var clusters = await SimulatedClusters.StartAsync(names, workerNodes: 2, settings: SimulatedKarmada.HostSettings);
        await using var plane = await SimulatedKarmada.StartAsync(clusters.Kubeconfig, names, Options);
        output.WriteLine($"{Workloads} Divided/Weighted Deployments × {Replicas} replicas over {Members} members; ClusterStatusInterval {Options.ClusterStatusInterval.TotalSeconds} s, " +
            $"FailedProbesBeforeNotReady {Options.FailedProbesBeforeNotReady}, DefaultTolerationSeconds {Options.DefaultTolerationSeconds.TotalSeconds} s");
        var results = new List<Failover>();
        for (var repetition = 1; repetition <= Repetitions; repetition++)
        {
            var ns = $"failover-{repetition}";
            await plane.CreateNamespaceWithPolicyAsync(ns, """{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted"}}""");
            await plane.CreateDeploymentsAsync(ns, Workloads, "nginx:1.27", Replicas);
            await Eventually.Until(async () => await ReadyReplicasAsync(plane, ns, plane.MemberNames) == Workloads * Replicas, "every replica Ready", TimeSpan.FromMinutes(3));
            var faulted = $"member-{repetition}";
            try
            {
                results.Add(await FailAsync(clusters, plane, ns, faulted));
                output.WriteLine($"repetition {repetition} ({faulted} unreachable): {results[^1]}");
            }
            finally
            {
                await clusters.SetUnreachableAsync(faulted, false);
            }

            await Eventually.Until(async () => await plane.ReadyMembersAsync() == Members, "the member Ready again", TimeSpan.FromMinutes(2));
        }

        output.WriteLine($"over {results.Count} repetitions: NotReady {Range(results.Select(r => r.NotReady))}, targets moved {Range(results.Select(r => r.Moved))}, " +
            $"replicas Ready elsewhere {Range(results.Select(r => r.Ready))}; fewest Ready replicas {results.Min(r => r.FewestReady)} of {Workloads * Replicas}");
    }

    private static async Task<Failover> FailAsync(SimulatedClusters clusters, SimulatedKarmada plane, string ns, string faulted)
    {
        var others = plane.MemberNames.Where(name => name != faulted).ToList();
        var since = Stopwatch.StartNew();
        await clusters.SetUnreachableAsync(faulted, true);
        TimeSpan? notReady = null, moved = null;
        var fewest = int.MaxValue;
        while (since.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (notReady is null && !Conditions.IsTrue((await plane.Api.GetAsync(Kinds.Cluster, null, faulted, CancellationToken.None))?["status"] as JsonObject, "Ready"))
            {
                notReady = since.Elapsed;
            }

            if (moved is null && (await plane.BindingsAsync(ns)).All(binding => BindingScheduler.TargetsOf(binding) is var targets
                && targets.All(target => target.Name != faulted) && targets.Sum(target => target.Replicas) == Replicas))
            {
                moved = since.Elapsed;
            }

            var ready = await ReadyReplicasAsync(plane, ns, others);
            fewest = Math.Min(fewest, ready);
            if (moved is not null && ready == Workloads * Replicas)
            {
                return new Failover(notReady ?? since.Elapsed, moved.Value, since.Elapsed, fewest);
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"no failover within 3 minutes (NotReady after {notReady}, targets moved after {moved}).");
    }

    private static async Task<int> ReadyReplicasAsync(SimulatedKarmada plane, string ns, IEnumerable<string> members)
    {
        var total = 0;
        foreach (var member in members)
        {
            var (items, _) = await plane.Member(member).ListAsync(TemplateKinds.Deployment, ns, null, CancellationToken.None);
            total += items.Sum(item => item["status"]?["readyReplicas"]?.GetValue<int>() ?? 0);
        }

        return total;
    }

    private static string Range(IEnumerable<TimeSpan> durations)
    {
        var seconds = durations.Select(duration => duration.TotalSeconds).Order().ToList();
        return $"{seconds[0]:F1}–{seconds[^1]:F1} s (median {seconds[seconds.Count / 2]:F1} s)";
    }

    /// <summary>From the fault: the Cluster NotReady, every binding's targets off the member, every replica Ready elsewhere; the fewest Ready replicas seen on the others.</summary>
    private sealed record Failover(TimeSpan NotReady, TimeSpan Moved, TimeSpan Ready, int FewestReady)
    {
        public override string ToString() =>
            $"NotReady after {NotReady.TotalSeconds:F1} s, targets moved after {Moved.TotalSeconds:F1} s, all replicas Ready on the others after {Ready.TotalSeconds:F1} s; fewest Ready {FewestReady}";
    }
}
