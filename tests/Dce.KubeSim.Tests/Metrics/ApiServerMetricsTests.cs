using System.Net;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;

namespace Dce.KubeSim.Tests.Metrics;

[Collection(KubeSimCollection.Name)]
public sealed class ApiServerMetricsTests(KubeSimServer server)
{
    [Fact]
    public async Task Request_totals_count_the_requests_the_cluster_answered_by_verb_resource_and_code()
    {
        using var client = server.Client();
        var ns = Manifests.UniqueNamespace("requests");
        await server.Kubectl().OkAsync("create", "namespace", ns);
        static double Count(Exposition metrics, params (string, string)[] labels) => metrics.Of("apiserver_request_total", labels).Sum(s => s.Value);
        (string, string)[] lists = [("verb", "LIST"), ("group", ""), ("version", "v1"), ("resource", "configmaps"), ("code", "200")];
        (string, string)[] missing = [("verb", "GET"), ("resource", "configmaps"), ("scope", "resource"), ("code", "404")];
        var before = await Scrapes.ScrapeAsync(server, "/metrics");

        for (var i = 0; i < 3; i++)
        {
            await client.CoreV1.ListNamespacedConfigMapAsync(ns);
        }
        await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("absent", ns));
        var after = await Scrapes.ScrapeAsync(server, "/metrics");

        Assert.Equal("counter", after.FamilyTypes["apiserver_request_total"]);
        Assert.True(Count(after, lists) >= Count(before, lists) + 3, $"{Count(before, lists)} then {Count(after, lists)}");
        Assert.True(Count(after, missing) >= Count(before, missing) + 1);
        Assert.Contains(after.Of("apiserver_request_total", ("subresource", "/metrics"), ("verb", "GET")), s => s.Labels["code"] == "200");
        Assert.True(after.Value("apiserver_current_inflight_requests", ("request_kind", "readOnly")) >= 1);
    }

    [Fact]
    public async Task Storage_objects_count_what_the_cluster_stores_per_resource()
    {
        var storageClasses = (await server.Kubectl().OkAsync("get", "storageclasses", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        var metrics = Exposition.Parse(await server.Kubectl().OkAsync("get", "--raw", "/metrics"));

        Assert.Equal(storageClasses, metrics.Value("apiserver_storage_objects", ("resource", "storageclasses.storage.k8s.io")));
        Assert.True(metrics.Value("apiserver_storage_objects", ("resource", "deployments.apps")) >= 2);
        Assert.True(metrics.Value("apiserver_storage_objects", ("resource", "nodes")) >= 1);
        Assert.Equal("gauge", metrics.FamilyTypes["apiserver_storage_objects"]);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/api/v1/nodes/alpha-general-0/proxy/metrics/cadvisor")]
    [InlineData("/api/v1/nodes/alpha-general-0/proxy/metrics")]
    [InlineData(Scrapes.KubeStateMetrics)]
    public async Task A_scrape_without_the_clusters_token_is_refused_as_the_api_refuses_it(string path)
    {
        var (status, _, body) = await Scrapes.GetAsync(server, path, authenticated: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"reason\":\"Unauthorized\"", body, StringComparison.Ordinal);
    }
}
