using System.Net;
using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

/// <summary>Scrape targets that cannot answer, in a cluster of the test's own so that breaking its node or Service touches no other test.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class ScrapeTargetFailureTests(KubeSimServer server)
{
    [Fact]
    public async Task A_node_whose_kubelet_stopped_reporting_cannot_be_reached_while_the_others_still_answer()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "edge", "dead-kubelet");
        var nodes = (await cluster.Kubectl.OkAsync("get", "nodes", "-l", "!node-role.kubernetes.io/control-plane", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ');
        using var admin = server.Http(KubeSimServer.AdminToken);
        (await admin.PutAsJsonAsync($"/sim/clusters/{cluster.Name}/nodes/{nodes[0]}/ready", new { enabled = false })).EnsureSuccessStatusCode();

        var dead = await cluster.Kubectl.RunAsync("get", "--raw", Scrapes.Cadvisor(nodes[0]));
        var (status, _, _) = await Scrapes.GetAsync(server, Scrapes.Kubelet(nodes[0]), cluster.Name);
        var alive = Exposition.Parse(await cluster.Kubectl.OkAsync("get", "--raw", Scrapes.Cadvisor(nodes[1])));

        Assert.NotEqual(0, dead.ExitCode);
        Assert.Contains("(ServiceUnavailable): error trying to reach service: dial tcp ", dead.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(4, alive.Value("machine_cpu_cores", ("node", nodes[1])));
    }

    [Fact]
    public async Task Kube_state_metrics_are_served_without_system_workloads_and_not_found_once_their_service_is_deleted()
    {
        await using var cluster = await ProfileCluster.AddAsync(server, "edge", "no-ksm");
        var served = Exposition.Parse(await cluster.Kubectl.OkAsync("get", "--raw", Scrapes.KubeStateMetrics));

        await cluster.Kubectl.OkAsync("-n", "kube-system", "delete", "service", "kube-state-metrics");
        var missing = await cluster.Kubectl.RunAsync("get", "--raw", Scrapes.KubeStateMetrics);

        Assert.Equal(3, served.Of("kube_node_info").Count());
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("(NotFound)", missing.Error, StringComparison.Ordinal);
    }
}
