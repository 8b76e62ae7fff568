using System.Net;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Simulation.Usage;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

[Collection(KubeSimCollection.Name)]
public sealed class NodeProxyMetricsTests(KubeSimServer server)
{
    private async Task<(string Ns, string Pod, string Node)> RunWebAsync(string prefix)
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace(prefix);
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 1));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var pod = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        var node = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}")).Trim();
        return (ns, pod, node);
    }

    [Fact]
    public async Task The_cpu_counter_of_a_running_container_grows_between_scrapes_and_never_decreases()
    {
        var (ns, pod, node) = await RunWebAsync("cadvisor");
        (string, string)[] container = [("namespace", ns), ("pod", pod), ("container", "web"), ("node", node)];
        var readings = new List<double> { (await Scrapes.ScrapeAsync(server, Scrapes.Cadvisor(node))).Value("container_cpu_usage_seconds_total", container) };

        await Eventually.Until(async () =>
        {
            readings.Add((await Scrapes.ScrapeAsync(server, Scrapes.Cadvisor(node))).Value("container_cpu_usage_seconds_total", container));
            return readings[^1] > readings[0];
        }, "the cpu counter grows");
        for (var i = 0; i < 5; i++)
        {
            readings.Add((await Scrapes.ScrapeAsync(server, Scrapes.Cadvisor(node))).Value("container_cpu_usage_seconds_total", container));
        }

        Assert.Equal(readings.Order(), readings);
        Assert.True(readings[0] > 0);
    }

    [Fact]
    public async Task Cadvisor_reports_the_usage_models_working_set_and_the_nodes_capacity()
    {
        var (ns, pod, node) = await RunWebAsync("workingset");
        var stored = server.Sim().Store.Get("/pods", ns, pod)!;
        var capacity = (await server.Kubectl().OkAsync("get", "node", node, "-o", "jsonpath={.status.capacity.cpu} {.status.capacity.memory}")).Split(' ');

        var metrics = Exposition.Parse(await server.Kubectl().OkAsync("get", "--raw", Scrapes.Cadvisor(node)));

        Assert.Equal(UsageModel.Of(server.Sim()).Pod(stored)!.Containers.Single().MemoryBytes,
            metrics.Value("container_memory_working_set_bytes", ("namespace", ns), ("pod", pod), ("container", "web"), ("node", node)));
        Assert.Equal("nginx:1.27", Assert.Single(metrics.Of("container_memory_working_set_bytes", ("pod", pod))).Labels["image"]);
        Assert.Equal(Quantity.MilliCpu(capacity[0]) / 1000.0, metrics.Value("machine_cpu_cores", ("node", node)));
        Assert.Equal(Quantity.Bytes(capacity[1]), metrics.Value("machine_memory_bytes", ("node", node)));
        Assert.All(metrics.Of("container_cpu_usage_seconds_total"), s => Assert.Equal(node, s.Labels["node"]));
        Assert.Equal("counter", metrics.FamilyTypes["container_cpu_usage_seconds_total"]);
    }

    [Fact]
    public async Task The_kubelet_reports_the_pods_and_containers_it_runs()
    {
        var (_, _, node) = await RunWebAsync("kubelet");

        var metrics = await Scrapes.ScrapeAsync(server, Scrapes.Kubelet(node));

        Assert.True(metrics.Value("kubelet_running_pods") >= 1);
        Assert.True(metrics.Value("kubelet_running_containers", ("container_state", "running")) >= 1);
        Assert.Equal(1, metrics.Value("kubelet_node_name", ("node", node)));
    }

    [Fact]
    public async Task A_node_that_does_not_exist_is_not_found()
    {
        var result = await server.Kubectl().RunAsync("get", "--raw", Scrapes.Cadvisor("no-such-node"));
        var (status, _, _) = await Scrapes.GetAsync(server, Scrapes.Kubelet("no-such-node"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(NotFound): nodes \"no-such-node\" not found", result.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
