using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

[Collection(ControlPlaneCollection.Name)]
public sealed class ApiServerOnlyMetricsTests(ControlPlaneServer server)
{
    [Fact]
    public async Task An_api_server_only_cluster_serves_its_own_metrics_but_has_no_kube_state_metrics()
    {
        var kubectl = server.Kubectl(ControlPlaneServer.ControlPlane);

        var metrics = Exposition.Parse(await kubectl.OkAsync("get", "--raw", "/metrics"));
        var service = await kubectl.RunAsync("-n", "kube-system", "get", "service", "kube-state-metrics");
        var proxied = await kubectl.RunAsync("get", "--raw", Scrapes.KubeStateMetrics);

        Assert.Equal(0, metrics.Value("apiserver_storage_objects", ("resource", "nodes")));
        Assert.Contains("services \"kube-state-metrics\" not found", service.Error, StringComparison.Ordinal);
        Assert.Contains("(NotFound)", proxied.Error, StringComparison.Ordinal);
    }
}
