using System.Net;
using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;

namespace Dce.KubeSim.Tests.Client;

[Collection(KubeSimCollection.Name)]
public sealed class ClusterProfileAndFailureTests(KubeSimServer server)
{
    [Fact]
    public async Task Each_cluster_has_its_own_kubeconfig_nodes_and_system_workloads()
    {
        using var alpha = server.Client(KubeSimServer.Cluster);
        using var beta = server.Client(KubeSimServer.SecondCluster);

        var alphaNodes = (await alpha.CoreV1.ListNodeAsync()).Items;
        var betaNodes = (await beta.CoreV1.ListNodeAsync()).Items;
        await Eventually.Until(async () => (await alpha.AppsV1.ReadNamespacedDeploymentAsync("coredns", "kube-system")).Status?.ReadyReplicas == 2, "coredns ready");

        Assert.Equal(5, alphaNodes.Count);
        Assert.Contains(alphaNodes, n => n.Metadata.Labels["kubernetes.io/arch"] == "arm64");
        Assert.Contains(alphaNodes, n => n.Metadata.Labels["kubernetes.io/arch"] == "amd64");
        Assert.All(alphaNodes, n => Assert.Equal("us-east-1", n.Metadata.Labels["topology.kubernetes.io/region"]));
        Assert.All(betaNodes, n => Assert.Equal("factory-1", n.Metadata.Labels["topology.kubernetes.io/region"]));
        Assert.Equal(2, betaNodes.Count);
        Assert.NotEqual(server.Sim(KubeSimServer.Cluster).Token, server.Sim(KubeSimServer.SecondCluster).Token);
    }

    [Fact]
    public async Task A_request_without_the_cluster_token_gets_401()
    {
        using var anonymous = server.Http();
        using var wrongCluster = server.Http(server.Sim(KubeSimServer.SecondCluster).Token);

        var none = await anonymous.GetAsync($"/clusters/{KubeSimServer.Cluster}/api/v1/namespaces");
        var wrong = await wrongCluster.GetAsync($"/clusters/{KubeSimServer.Cluster}/api/v1/namespaces");
        var admin = await anonymous.GetAsync("/sim/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_cluster_refuses_requests_until_restored()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        using var client = server.Client(KubeSimServer.SecondCluster);
        var path = $"/sim/clusters/{KubeSimServer.SecondCluster}/unreachable";

        (await admin.PutAsJsonAsync(path, new { enabled = true })).EnsureSuccessStatusCode();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.CoreV1.ListNamespaceAsync());
        var kubectl = await server.Kubectl(KubeSimServer.SecondCluster).RunAsync("get", "ns", "--request-timeout=20s");
        (await admin.PutAsJsonAsync(path, new { enabled = false })).EnsureSuccessStatusCode();
        var restored = await client.CoreV1.ListNamespaceAsync();

        Assert.Contains("ServiceUnavailable", refused.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.NotEmpty(restored.Items);
    }

    [Fact]
    public async Task A_node_marked_not_ready_reports_so_and_gets_no_new_pods()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        using var client = server.Client(KubeSimServer.SecondCluster);
        var node = (await client.CoreV1.ListNodeAsync()).Items[0].Metadata.Name;
        var path = $"/sim/clusters/{KubeSimServer.SecondCluster}/nodes/{node}/ready";

        (await admin.PutAsJsonAsync(path, new { enabled = false })).EnsureSuccessStatusCode();
        try
        {
            await Eventually.Until(async () => (await client.CoreV1.ReadNodeAsync(node)).Status.Conditions.Single(c => c.Type == "Ready").Status == "Unknown", "node NotReady");
            var status = await server.Kubectl(KubeSimServer.SecondCluster).OkAsync("get", "node", node);
            Assert.Contains("NotReady", status, StringComparison.Ordinal);
        }
        finally
        {
            (await admin.PutAsJsonAsync(path, new { enabled = true })).EnsureSuccessStatusCode();
        }
        await Eventually.Until(async () => (await client.CoreV1.ReadNodeAsync(node)).Status.Conditions.Single(c => c.Type == "Ready").Status == "True", "node Ready again");
    }

    [Fact]
    public async Task Restarting_a_cluster_ends_open_watches_and_keeps_state()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        using var client = server.Client(KubeSimServer.SecondCluster);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = (await client.CoreV1.ListNamespaceAsync()).Items.Count;
        using var watcher = client.CoreV1.WatchListNamespace(onEvent: (_, _) => { }, onClosed: () => closed.TrySetResult());
        await Eventually.Until(() => server.Sim(KubeSimServer.SecondCluster).Store.WatcherCount > 0, "watch open");

        (await admin.PostAsync($"/sim/clusters/{KubeSimServer.SecondCluster}/restart", null)).EnsureSuccessStatusCode();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(before, (await client.CoreV1.ListNamespaceAsync()).Items.Count);
    }

    [Fact]
    public async Task Added_latency_slows_requests_but_they_still_succeed()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        using var client = server.Client(KubeSimServer.SecondCluster);
        var path = $"/sim/clusters/{KubeSimServer.SecondCluster}/latency";

        (await admin.PutAsJsonAsync(path, new { milliseconds = 300 })).EnsureSuccessStatusCode();
        var summary = await admin.GetFromJsonAsync<List<Admin.ClusterSummary>>("/sim/clusters");
        var listed = await client.CoreV1.ListNamespaceAsync();
        (await admin.PutAsJsonAsync(path, new { milliseconds = 0 })).EnsureSuccessStatusCode();

        Assert.Equal(300, summary!.Single(s => s.Name == KubeSimServer.SecondCluster).LatencyMilliseconds);
        Assert.NotEmpty(listed.Items);
    }
}
