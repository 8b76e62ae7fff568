using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Dce.Testing;
using k8s;
using Xunit.Abstractions;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// From the moment a Deployment loses an available replica in its cluster (its nodes made NotReady through KubeSim) to
/// the moment the test's webhook receives the alert: scrape, vmalert, Alertmanager, Insight's hook and delivery, all real.
/// </summary>
[Collection(BenchmarkCollection.Name)]
public sealed class AlertDeliveryBenchmarks(ITestOutputHelper output)
{
    private const int Repetitions = 6;
    private const string Alert = "/apis/insight.io/v1alpha1/alert";
    private const string Namespace = "alert-bench";
    private const string Deployment = "web";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    [BenchmarkFact]
    public async Task Alert_delivery_from_condition_to_webhook()
    {
        await using var started = await StartedPlatform<AlertingPlatform>.StartAsync(new AlertingPlatform());
        var fixture = started.Platform;
        var platform = fixture.Platform;
        var cluster = platform.ClusterNames[0];
        var admin = platform.AdminClient();
        await platform.CreateDeploymentAsync(cluster, Namespace, Deployment, replicas: 2);
        await WhenAvailableInInsightAsync(admin, cluster, 2);
        (await admin.PostAsJsonAsync($"{Alert}/receivers", new { name = "bench-hook", type = "webhook", webhook = new { url = fixture.ReceiverUrl } })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "bench-health",
            clusterName = cluster,
            receivers = new[] { new { type = "webhook", names = new[] { "bench-hook" } } },
            rules = new[]
            {
                new
                {
                    name = "bench-replicas-unavailable",
                    expr = $"kube_deployment_status_replicas_available{{namespace=\"{Namespace}\",deployment=\"{Deployment}\"}} < kube_deployment_spec_replicas{{namespace=\"{Namespace}\",deployment=\"{Deployment}\"}}",
                    duration = "0s",
                    severity = "CRITICAL",
                },
            },
        })).EnsureSuccessStatusCode();
        var kube = platform.Clusters.Client(cluster);
        var nodes = (await kube.CoreV1.ListNamespacedPodAsync(Namespace)).Items.Select(p => p.Spec.NodeName).Distinct().ToList();
        // Let vmalert load the group and evaluate it false at least once.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var results = new List<(double FaultToTrue, double TrueToWebhook)>();
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var firedBefore = Notifications(fixture, "firing", cluster);
            var resolvedBefore = Notifications(fixture, "resolved", cluster);
            var clock = Stopwatch.StartNew();
            foreach (var node in nodes)
            {
                await platform.Clusters.SetNodeReadyAsync(cluster, node, ready: false);
            }

            var faulted = clock.Elapsed;
            await UntilAsync(async () =>
            {
                var status = (await kube.AppsV1.ReadNamespacedDeploymentStatusAsync(Deployment, Namespace)).Status;
                return (status.AvailableReplicas ?? 0) < 2;
            }, "the Deployment reporting fewer available replicas");
            var conditionTrue = clock.Elapsed;
            await UntilAsync(() => Task.FromResult(Notifications(fixture, "firing", cluster) > firedBefore), "the firing alert at the webhook");
            var received = clock.Elapsed;
            results.Add(((conditionTrue - faulted).TotalMilliseconds, (received - conditionTrue).TotalMilliseconds));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"repetition {repetition + 1}: nodes NotReady → Deployment available < desired {(conditionTrue - faulted).TotalMilliseconds:F0} ms; condition true → webhook received {(received - conditionTrue).TotalMilliseconds:F0} ms"));

            foreach (var node in nodes)
            {
                await platform.Clusters.SetNodeReadyAsync(cluster, node, ready: true);
            }

            await UntilAsync(() => Task.FromResult(Notifications(fixture, "resolved", cluster) > resolvedBefore), "the resolved alert at the webhook");
            await WhenAvailableInInsightAsync(admin, cluster, 2);
            // vmalert evaluates the rule false before the next fault, so each repetition starts a new alert.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        var latencies = results.Select(r => r.TrueToWebhook).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"condition true → webhook: min {latencies.Min():F0} ms, median {Percentiles.Of(latencies, 50):F0} ms, max {latencies.Max():F0} ms over {latencies.Count}; " +
            $"scrape interval {InsightHost.ScrapeInterval.TotalSeconds:F0} s, evaluation interval 1 s, for 0s, group_wait 1 s, group_interval 1 s, delivery poll 0.2 s"));
    }

    private static int Notifications(AlertingPlatform fixture, string status, string cluster) => fixture.Received.Count(n =>
        n.GetProperty("status").GetString() == status && n.GetProperty("alert").GetProperty("clusterName").GetString() == cluster
        && n.GetProperty("alert").GetProperty("ruleName").GetString() == "bench-replicas-unavailable");

    private static Task WhenAvailableInInsightAsync(HttpClient admin, string cluster, int replicas) => Eventually.Until(async () =>
        (await InsightPlatform.VectorAsync(admin,
            $"kube_deployment_status_replicas_available{{cluster=\"{cluster}\",namespace=\"{Namespace}\",deployment=\"{Deployment}\"}} == {replicas}")).Count == 1,
        $"{replicas} replicas available in Insight");

    // Polls far more often than Eventually, since the poll's own period adds to the figure.
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Eventually.Patience)
            {
                throw new TimeoutException($"Never saw {what}.");
            }

            await Task.Delay(Poll);
        }
    }
}
