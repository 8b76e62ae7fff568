using System.Net;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

[Collection(KubeSimCollection.Name)]
public sealed class KubeStateMetricsTests(KubeSimServer server)
{
    private async Task<Exposition> KubectlScrapeAsync() =>
        Exposition.Parse(await server.Kubectl().OkAsync("get", "--raw", Scrapes.KubeStateMetrics));

    [Fact]
    public async Task Kubectl_lists_the_kube_state_metrics_service_in_kube_system()
    {
        var services = await server.Kubectl().OkAsync("get", "svc", "-n", "kube-system");
        var port = await server.Kubectl().OkAsync("get", "svc", "-n", "kube-system", "kube-state-metrics", "-o", "jsonpath={.spec.ports[0].name}:{.spec.ports[0].port}");

        Assert.Contains("kube-state-metrics", services, StringComparison.Ordinal);
        Assert.Equal("http-metrics:8080", port);
    }

    [Fact]
    public async Task Deployment_replicas_follow_a_scale_and_the_pods_that_become_available()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("ksm");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 2));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        (string, string)[] web = [("namespace", ns), ("deployment", "web")];

        var two = await KubectlScrapeAsync();
        await kubectl.OkAsync("-n", ns, "scale", "deployment/web", "--replicas=4");
        var scaled = await KubectlScrapeAsync();
        await Eventually.Until(async () => (await KubectlScrapeAsync()).Value("kube_deployment_status_replicas_available", web) == 4, "four available replicas");
        var four = await KubectlScrapeAsync();

        Assert.Equal(2, two.Value("kube_deployment_spec_replicas", web));
        Assert.Equal(2, two.Value("kube_deployment_status_replicas_available", web));
        Assert.Equal(4, scaled.Value("kube_deployment_spec_replicas", web));
        Assert.Equal(4, four.Value("kube_deployment_status_replicas", web));
        Assert.Equal(0, four.Value("kube_deployment_status_replicas_unavailable", web));
        Assert.Equal(4, four.Of("kube_pod_info", ("namespace", ns), ("created_by_kind", "ReplicaSet")).Count());
    }

    [Fact]
    public async Task Pod_families_carry_kube_state_metrics_labels_and_values()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("ksmpod");
        await kubectl.ApplyAsync(Manifests.WebApp(ns, replicas: 1));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        var fields = (await kubectl.OkAsync("-n", ns, "get", "pods", "-o", "jsonpath={.items[0].metadata.name} {.items[0].metadata.uid} {.items[0].spec.nodeName}")).Split(' ');
        var (pod, uid, node) = (fields[0], fields[1], fields[2]);
        (string, string)[] container = [("namespace", ns), ("pod", pod), ("uid", uid), ("container", "web")];

        var metrics = await Scrapes.ScrapeAsync(server, Scrapes.KubeStateMetrics);

        var info = Assert.Single(metrics.Of("kube_pod_info", ("namespace", ns), ("pod", pod)));
        Assert.Equal((uid, node, "ReplicaSet"), (info.Labels["uid"], info.Labels["node"], info.Labels["created_by_kind"]));
        Assert.StartsWith("web-", info.Labels["created_by_name"], StringComparison.Ordinal);
        var phases = metrics.Of("kube_pod_status_phase", ("namespace", ns), ("pod", pod), ("uid", uid)).ToDictionary(s => s.Labels["phase"], s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["Pending"] = 0, ["Succeeded"] = 0, ["Failed"] = 0, ["Unknown"] = 0, ["Running"] = 1 }, phases);
        Assert.Equal(0.05, metrics.Value("kube_pod_container_resource_requests", [.. container, ("node", node), ("resource", "cpu"), ("unit", "core")]));
        Assert.Equal(32 << 20, metrics.Value("kube_pod_container_resource_requests", [.. container, ("resource", "memory"), ("unit", "byte")]));
        Assert.Empty(metrics.Of("kube_pod_container_resource_limits", ("namespace", ns)));
        Assert.Equal(1, metrics.Value("kube_pod_container_status_ready", container));
        Assert.Equal(0, metrics.Value("kube_pod_container_status_restarts_total", container));
        Assert.Equal("counter", metrics.FamilyTypes["kube_pod_container_status_restarts_total"]);
    }

    [Theory]
    [InlineData("kube-state-metrics:http-metrics")]
    [InlineData("kube-state-metrics:8080")]
    [InlineData("http:kube-state-metrics:http-metrics")]
    public async Task Node_namespace_and_system_workload_families_answer_by_port_name_number_or_scheme(string service)
    {
        var nodes = (await server.Kubectl().OkAsync("get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.capacity.cpu} {.status.nodeInfo.kubeletVersion}{\"\\n\"}{end}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();

        var metrics = await Scrapes.ScrapeAsync(server, $"/api/v1/namespaces/kube-system/services/{service}/proxy/metrics");

        foreach (var (node, cpu, kubelet) in nodes.Select(n => (n[0], n[1], n[2])))
        {
            Assert.Equal(kubelet, Assert.Single(metrics.Of("kube_node_info", ("node", node))).Labels["kubelet_version"]);
            Assert.Equal(1, metrics.Value("kube_node_status_condition", ("node", node), ("condition", "Ready"), ("status", "true")));
            Assert.Equal(0, metrics.Value("kube_node_status_condition", ("node", node), ("condition", "Ready"), ("status", "unknown")));
            Assert.Equal(double.Parse(cpu, System.Globalization.CultureInfo.InvariantCulture),
                metrics.Value("kube_node_status_capacity", ("node", node), ("resource", "cpu"), ("unit", "core")));
            Assert.True(metrics.Value("kube_node_status_allocatable", ("node", node), ("resource", "memory"), ("unit", "byte")) > 0);
            Assert.True(metrics.Value("kube_node_status_allocatable", ("node", node), ("resource", "pods"), ("unit", "integer")) > 0);
        }
        Assert.Equal(1, metrics.Value("kube_namespace_status_phase", ("namespace", "kube-system"), ("phase", "Active")));
        Assert.Equal(0, metrics.Value("kube_namespace_status_phase", ("namespace", "kube-system"), ("phase", "Terminating")));
        Assert.Equal(2, metrics.Value("kube_deployment_spec_replicas", ("namespace", "kube-system"), ("deployment", "coredns")));
        Assert.True(metrics.Value("kube_daemonset_status_desired_number_scheduled", ("namespace", "kube-system"), ("daemonset", "kube-proxy")) >= 1);
        Assert.Contains("kube_statefulset_replicas", metrics.FamilyTypes.Keys);
        Assert.Contains("kube_daemonset_status_number_ready", metrics.Help.Keys);
    }

    [Theory]
    [InlineData("kube-state-metrics", HttpStatusCode.ServiceUnavailable, "no endpoints available for service \"kube-state-metrics\"")]
    [InlineData("kube-state-metrics:9999", HttpStatusCode.ServiceUnavailable, "no service port 9999 found for service \"kube-state-metrics\"")]
    [InlineData("no-such-service:http-metrics", HttpStatusCode.NotFound, "endpoints \"no-such-service\" not found")]
    [InlineData("no-such-service:8080", HttpStatusCode.NotFound, "services \"no-such-service\" not found")]
    [InlineData("kube-dns:dns-tcp", HttpStatusCode.ServiceUnavailable, "error trying to reach service: dial tcp ")]
    public async Task The_service_proxy_answers_as_kubernetes_when_it_cannot_reach_a_backend(string service, HttpStatusCode expected, string message)
    {
        await Eventually.Until(async () => (await server.Kubectl().OkAsync("-n", "kube-system", "get", "endpoints", "kube-dns", "-o", "jsonpath={.subsets[0].addresses[0].ip}")).Length > 0,
            "kube-dns has endpoints");

        var (status, _, body) = await Scrapes.GetAsync(server, $"/api/v1/namespaces/kube-system/services/{service}/proxy/metrics");

        Assert.Equal(expected, status);
        Assert.StartsWith(message, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
