using System.Net;
using System.Net.Http.Json;
using Dce.KubeSim.Tests.Autoscaling;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.KubeSim.Tests.Disruption;

[Collection(KubeSimCollection.Name)]
public sealed class PodDisruptionBudgetTests(KubeSimServer server)
{
    private static string Budget(string ns, string rule) => $"""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
          namespace: {ns}
        spec:
          {rule}
          selector:
            matchLabels:
              app: web
        """;

    private async Task<string> RunningApp(string prefix, int replicas)
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace(prefix);
        await kubectl.ApplyAsync(LoadManifests.App(ns, replicas, "{requests: {cpu: 50m}}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        return ns;
    }

    private static async Task<V1PodDisruptionBudgetStatus> SettledStatus(IKubernetes client, string ns, Func<V1PodDisruptionBudgetStatus, bool> settled)
    {
        V1PodDisruptionBudgetStatus? status = null;
        await Eventually.Until(async () =>
        {
            status = (await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web", ns)).Status;
            return status is not null && settled(status);
        }, "the budget's status settles");
        return status!;
    }

    [Fact]
    public async Task The_disruption_controller_reports_healthy_pods_and_allowed_disruptions()
    {
        using var client = server.Client();
        var ns = await RunningApp("pdbstatus", 3);

        await server.Kubectl().ApplyAsync(Budget(ns, "minAvailable: 2"));
        var byCount = await SettledStatus(client, ns, s => s.CurrentHealthy == 3);
        Assert.Equal((3, 2, 1), (byCount.ExpectedPods, byCount.DesiredHealthy, byCount.DisruptionsAllowed));
        Assert.Contains(byCount.Conditions, c => c.Type == "DisruptionAllowed" && c.Status == "True" && c.Reason == "SufficientPods");

        await server.Kubectl().OkAsync("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":null,\"maxUnavailable\":\"50%\"}}");
        var byPercent = await SettledStatus(client, ns, s => s.ObservedGeneration == 2);
        Assert.Equal((3, 1, 2), (byPercent.ExpectedPods, byPercent.DesiredHealthy, byPercent.DisruptionsAllowed));
        var row = await server.Kubectl().OkAsync("-n", ns, "get", "pdb", "web", "--no-headers");
        Assert.Equal(["web", "N/A", "50%", "2"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);

        await server.Kubectl().OkAsync("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"maxUnavailable\":0}}");
        var none = await SettledStatus(client, ns, s => s.ObservedGeneration == 3);
        Assert.Equal(0, none.DisruptionsAllowed);
        Assert.Contains(none.Conditions, c => c.Type == "DisruptionAllowed" && c.Status == "False" && c.Reason == "InsufficientPods");
    }

    [Fact]
    public async Task An_eviction_the_budget_forbids_gets_429_with_the_budget_as_cause_and_one_it_allows_goes_through()
    {
        using var client = server.Client();
        var ns = await RunningApp("evict", 2);
        await server.Kubectl().ApplyAsync(Budget(ns, "minAvailable: 2"));
        await SettledStatus(client, ns, s => s.CurrentHealthy == 2);
        var pods = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items;
        V1Eviction Eviction(string pod) => new() { Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = ns } };

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0].Metadata.Name), pods[0].Metadata.Name, ns));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
        Assert.Equal(("TooManyRequests", 429, "Cannot evict pod as it would violate the pod's disruption budget."), (status.Reason, status.Code ?? 0, status.Message));
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("DisruptionBudget", "The disruption budget web needs 2 healthy pods and has 2 currently"), (cause.Reason, cause.Message));

        await server.Kubectl().OkAsync("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":1}}");
        await SettledStatus(client, ns, s => s.ObservedGeneration == 2 && s.DisruptionsAllowed == 1);
        await client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(pods[0].Metadata.Name), pods[0].Metadata.Name, ns);

        // A second refusal is not asserted: the Deployment's replacement turns Ready within the pod start-up delay and
        // gives the budget its disruption back, as on a real cluster.
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedPodAsync(ns)).Items, p => p.Metadata.Name == pods[0].Metadata.Name);
    }

    [Fact]
    public async Task Kubectl_drain_is_refused_by_a_budget_and_goes_through_once_the_budget_permits()
    {
        var kubectl = server.Kubectl();
        var ns = await RunningApp("drain", 2);
        await kubectl.ApplyAsync(Budget(ns, "minAvailable: 2"));
        using var client = server.Client();
        await SettledStatus(client, ns, s => s.CurrentHealthy == 2);
        var node = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}")).Trim();
        string[] drain = ["drain", node, $"--pod-selector=run={ns}", "--ignore-daemonsets", "--delete-emptydir-data"];
        try
        {
            var refused = await kubectl.RunAsync([.. drain, "--timeout=5s"]);

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget", refused.Output + refused.Error, StringComparison.Ordinal);

            await kubectl.OkAsync("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":null,\"maxUnavailable\":1}}");
            await SettledStatus(client, ns, s => s.ObservedGeneration == 2);
            var drained = await kubectl.RunAsync([.. drain, "--timeout=90s"]);

            Assert.True(drained.ExitCode == 0, drained.Error + drained.Output);
            Assert.Contains($"node/{node} drained", drained.Output, StringComparison.Ordinal);
            Assert.DoesNotContain((await client.CoreV1.ListNamespacedPodAsync(ns)).Items, p => p.Spec.NodeName == node);
        }
        finally
        {
            await kubectl.RunAsync("uncordon", node);
        }
    }

    [Fact]
    public async Task An_unready_pod_is_evicted_past_an_exhausted_budget_only_when_the_policy_is_always_allow()
    {
        using var client = server.Client();
        using var admin = server.Http(KubeSimServer.AdminToken);
        var ns = await RunningApp("unhealthy", 2);
        await server.Kubectl().ApplyAsync(Budget(ns, "minAvailable: 2"));
        await SettledStatus(client, ns, s => s.CurrentHealthy == 2);
        var pod = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items[0];
        var readiness = $"/sim/clusters/{KubeSimServer.Cluster}/nodes/{pod.Spec.NodeName}/ready";
        V1Eviction Eviction() => new() { Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = ns } };
        try
        {
            (await admin.PutAsJsonAsync(readiness, new { enabled = false })).EnsureSuccessStatusCode();
            await SettledStatus(client, ns, s => s.CurrentHealthy < 2);

            var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(), pod.Metadata.Name, ns));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Response.StatusCode);

            await server.Kubectl().OkAsync("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"unhealthyPodEvictionPolicy\":\"AlwaysAllow\"}}");
            await SettledStatus(client, ns, s => s.ObservedGeneration == 2);
            await client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(), pod.Metadata.Name, ns);

            Assert.DoesNotContain((await client.CoreV1.ListNamespacedPodAsync(ns)).Items, p => p.Metadata.Name == pod.Metadata.Name);
        }
        finally
        {
            (await admin.PutAsJsonAsync(readiness, new { enabled = true })).EnsureSuccessStatusCode();
        }
    }
}
