using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.Insight.Tests;

/// <summary>DCE's overview and resource endpoints, read back from what Insight scraped, within the caller's scope.</summary>
public sealed class ResourcesTests(InsightPlatformFixture fixture) : IClassFixture<InsightPlatformFixture>
{
    private const string Insight = "/apis/insight.io/v1alpha1";
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_deployment_its_pods_and_the_nodes_are_listed_and_counted()
    {
        var cluster = Platform.ClusterNames[0];
        await Platform.CreateDeploymentAsync(cluster, "store", "cart", replicas: 2);
        var admin = Platform.AdminClient();

        var deployment = default(JsonElement);
        await Eventually.Until(async () =>
        {
            using var response = await admin.GetAsync($"{Insight}/clusters/{cluster}/namespaces/store/deployments/cart");
            deployment = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return response.IsSuccessStatusCode && deployment.GetProperty("podNumSummary").GetProperty("readyNum").GetInt32() == 2;
        }, "cart with two ready pods");
        Assert.Equal("WORKLOAD_STATE_RUNNING", deployment.GetProperty("phase").GetString());

        var pods = await admin.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/namespaces/store/deployments/cart/pods");
        Assert.Equal(2, pods.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.All(pods.GetProperty("items").EnumerateArray(), pod => Assert.StartsWith("cart-", pod.GetProperty("name").GetString(), StringComparison.Ordinal));

        // A page's pods carry their containers and usage, read for that page's pods only.
        var second = default(JsonElement);
        await Eventually.Until(async () =>
        {
            second = await admin.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/pods?namespace=store&name=cart-&pageSize=1&page=2");
            var pod = second.GetProperty("items").EnumerateArray().SingleOrDefault();
            return pod.ValueKind == JsonValueKind.Object && pod.GetProperty("containerNumSummary").GetProperty("readyNum").GetInt32() == 1
                && pod.GetProperty("memoryUsage").GetDouble() > 0;
        }, "the second page's pod with its ready container and memory");
        Assert.Equal((2, 2), (second.GetProperty("pagination").GetProperty("total").GetInt32(), second.GetProperty("pagination").GetProperty("pages").GetInt32()));
        Assert.Equal(pods.GetProperty("items")[1].GetProperty("name").GetString(), second.GetProperty("items")[0].GetProperty("name").GetString());

        var nodes = await admin.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/nodes?pageSize=1");
        Assert.Equal(3, nodes.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(3, nodes.GetProperty("pagination").GetProperty("pages").GetInt32());
        Assert.Single(nodes.GetProperty("items").EnumerateArray());

        var detail = await admin.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}");
        Assert.Equal(3, detail.GetProperty("nodeNumSummary").GetProperty("totalNum").GetInt32());
        Assert.True(detail.GetProperty("deploymentNumSummary").GetProperty("totalNum").GetInt32() >= 1);

        var named = Counted(await admin.GetFromJsonAsync<JsonElement>($"{Insight}/overview/resources/count"));
        Assert.True(named["clusters"] >= Platform.ClusterNames.Length);
        Assert.True(named["nodes"] >= 6);
    }

    [Fact]
    public async Task A_namespace_viewer_lists_only_their_namespace_and_no_nodes()
    {
        var cluster = Platform.ClusterNames[1];
        await Platform.CreateDeploymentAsync(cluster, "mine", "app", replicas: 1);
        await Platform.CreateDeploymentAsync(cluster, "theirs", "app", replicas: 1);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await admin.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/deployments?name=app"))
            .GetProperty("pagination").GetProperty("total").GetInt32() == 2, "both deployments scraped");
        var viewer = await Platform.NamespaceViewerAsync(cluster, "mine");

        var deployments = await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/deployments");
        var theirs = await viewer.GetAsync($"{Insight}/clusters/{cluster}/namespaces/theirs/deployments/app");
        var nodes = await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/nodes");
        var namespaces = await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{cluster}/namespaces");
        var other = await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/clusters/{Platform.ClusterNames[0]}/pods");

        Assert.Equal(["mine/app"], deployments.GetProperty("items").EnumerateArray().Select(d => $"{d.GetProperty("namespace").GetString()}/{d.GetProperty("name").GetString()}"));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(0, nodes.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(["mine"], namespaces.GetProperty("namespaces").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(0, other.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"{Insight}/clusters/{Platform.ClusterNames[0]}")).StatusCode);
    }

    [Fact]
    public async Task A_name_that_is_not_a_kubernetes_name_is_refused()
    {
        var response = await Platform.AdminClient().GetAsync($"{Insight}/clusters/{Platform.ClusterNames[0]}/namespaces/Bad%22Name/pods/x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("namespace", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_counts_the_recorded_series_within_the_callers_scope()
    {
        // Series as vmalert's recording rules write them, for a cluster that has no raw series at all: only a count read
        // from the recorded series can see its pods, and only the viewer's namespace may be counted.
        var cluster = $"recorded-{Guid.NewGuid():N}"[..20];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lines = string.Join('\n', new[] { (Namespace: "mine", Pods: 7), (Namespace: "theirs", Pods: 5) }.Select(series => JsonSerializer.Serialize(new
        {
            metric = new Dictionary<string, string> { ["__name__"] = "cluster_namespace:kube_pod_info:count", ["cluster"] = cluster, ["namespace"] = series.Namespace },
            values = new[] { series.Pods },
            timestamps = new[] { now },
        })));
        using var engine = (await SharedMiddleware.VictoriaMetricsAsync()).Client();
        (await engine.PostAsync("/api/v1/import", new StringContent(lines))).EnsureSuccessStatusCode();
        var viewer = await Platform.NamespaceViewerAsync(cluster, "mine", "recorded");

        await Eventually.Until(async () => Counted(await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/overview/resources/count"))["pods"] == 7,
            "the viewer's namespace counted from its recorded series");
        var counts = Counted(await viewer.GetFromJsonAsync<JsonElement>($"{Insight}/overview/resources/count"));

        Assert.Equal(7, counts["pods"]);
        Assert.Equal(0, counts["deployments"]);
        Assert.Equal(0, counts["nodes"]);
    }

    private static Dictionary<string, double> Counted(JsonElement counts) =>
        counts.GetProperty("data").EnumerateArray().ToDictionary(result => result.GetProperty("name").GetString()!,
            result => result.GetProperty("data").GetProperty("vector").EnumerateArray().Select(sample =>
                double.Parse(sample.GetProperty("values").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Single());
}
