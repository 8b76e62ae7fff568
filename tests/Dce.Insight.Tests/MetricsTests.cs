using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.Insight.Tests;

/// <summary>PromQL through the module over what it scraped from the simulated clusters into the real VictoriaMetrics.</summary>
public sealed class MetricsTests(InsightPlatformFixture fixture) : IClassFixture<InsightPlatformFixture>
{
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task An_unreachable_metrics_engine_is_an_outage_answered_503_with_retry_after()
    {
        var unreachable = new Dictionary<string, string?> { ["ConnectionStrings:metrics"] = $"Endpoint=http://127.0.0.1:{Dce.LocalServers.FreePort.Next()}" };
        await using var insight = await InsightHost.StartAsync(Platform.Identity, unreachable);
        using var admin = insight.ClientWithToken(Platform.AdminToken);

        using var response = await admin.GetAsync(new Uri("/apis/insight.io/v1alpha1/metric/query?query=up", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("metrics engine", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_carry_their_cluster_and_follow_a_scaled_deployment()
    {
        var cluster = Platform.ClusterNames[0];
        await Platform.CreateDeploymentAsync(cluster, "shop", "web", replicas: 1);
        var admin = Platform.AdminClient();
        var replicas = $"kube_deployment_spec_replicas{{cluster=\"{cluster}\",namespace=\"shop\",deployment=\"web\"}}";
        await Eventually.Until(async () => await ValueAsync(admin, replicas) == 1, "one replica reported");

        await Platform.Clusters.Client(cluster).AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", "shop");

        await Eventually.Until(async () => await ValueAsync(admin, replicas) == 3, "three replicas reported");
        await Eventually.Until(async () => await ValueAsync(admin, $"kube_deployment_status_replicas_available{{cluster=\"{cluster}\",namespace=\"shop\",deployment=\"web\"}}") == 3,
            "three replicas available");
        await Eventually.Until(async () => (await InsightPlatform.VectorAsync(admin,
            $"sum by (pod) (container_memory_working_set_bytes{{cluster=\"{cluster}\",namespace=\"shop\",pod=~\"web-.*\"}})")).Count == 3,
            "the usage of each of the three pods");
        var other = await InsightPlatform.VectorAsync(admin, $"kube_deployment_spec_replicas{{cluster=\"{Platform.ClusterNames[1]}\",namespace=\"shop\"}}");
        Assert.Empty(other);
    }

    [Fact]
    public async Task A_range_query_answers_dces_matrix()
    {
        var cluster = Platform.ClusterNames[1];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var query = Uri.EscapeDataString($"up{{cluster=\"{cluster}\",job=\"apiserver\"}}");
        var answer = await Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{InsightPlatform.Metric}/queryrange?query={query}&start={now - 60}&end={now}&step=5");

        var series = Assert.Single(answer.GetProperty("matrix").EnumerateArray());
        Assert.Equal(cluster, series.GetProperty("metric").GetProperty("cluster").GetString());
        Assert.All(series.GetProperty("values").EnumerateArray(), point => Assert.Equal("1", point.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task A_namespace_viewer_reads_the_series_of_their_namespace_and_nothing_else()
    {
        var cluster = Platform.ClusterNames[1];
        await Platform.CreateDeploymentAsync(cluster, "team-a", "api", replicas: 2);
        await Platform.CreateDeploymentAsync(cluster, "team-b", "api", replicas: 5);
        var admin = Platform.AdminClient();
        await Eventually.Until(async () => (await InsightPlatform.VectorAsync(admin, $"kube_deployment_spec_replicas{{cluster=\"{cluster}\",deployment=\"api\"}}")).Count == 2,
            "both namespaces' deployments scraped");
        var viewer = await Platform.NamespaceViewerAsync(cluster, "team-a");

        var all = await InsightPlatform.VectorAsync(viewer, "kube_deployment_spec_replicas");
        var total = await InsightPlatform.VectorAsync(viewer, "sum(kube_deployment_spec_replicas)");
        var asked = await InsightPlatform.VectorAsync(viewer, "kube_deployment_spec_replicas{namespace=\"team-b\"}");
        var narrowed = await InsightPlatform.VectorAsync(viewer, "kube_deployment_spec_replicas", "&namespace=team-b");
        var nodes = await InsightPlatform.VectorAsync(viewer, "kube_node_info");

        Assert.All(all, series => Assert.Equal(("team-a", cluster), (series.Metric.GetProperty("namespace").GetString(), series.Metric.GetProperty("cluster").GetString())));
        Assert.Single(all);
        Assert.Equal(2, Assert.Single(total).Value);
        Assert.Empty(asked);
        Assert.Empty(narrowed);
        Assert.Empty(nodes);
    }

    [Fact]
    public async Task The_clusters_are_those_the_callers_workspaces_reach()
    {
        var cluster = Platform.ClusterNames[0];
        var viewer = await Platform.NamespaceViewerAsync(cluster, "team-c");

        var everything = await ClustersAsync(Platform.AdminClient());
        var reached = await ClustersAsync(viewer);

        Assert.Equal(Platform.ClusterNames.Order().Select(name => $"{name} RUNNING ClusterScoped"), everything);
        Assert.Equal([$"{cluster} RUNNING Namespaced"], reached);
    }

    private static async Task<List<string>> ClustersAsync(HttpClient client)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>("/apis/insight.io/v1alpha1/clusters");
        return [.. answer.GetProperty("items").EnumerateArray().Select(item =>
            $"{item.GetProperty("name").GetString()} {item.GetProperty("phase").GetString()} {item.GetProperty("accessScope").GetString()}")];
    }

    [Fact]
    public async Task An_invalid_query_is_refused_with_the_engines_message()
    {
        var response = await Platform.AdminClient().GetAsync($"{InsightPlatform.Metric}/query?query={Uri.EscapeDataString("up{")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("unparsed data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_over_the_point_limit_is_refused_naming_the_limit()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var response = await Platform.AdminClient().GetAsync($"{InsightPlatform.Metric}/queryrange?query=up&start={now - 86400}&end={now}&step=1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("11000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_answered()
    {
        using var anonymous = Platform.Insight.CreateClient();

        var response = await anonymous.GetAsync($"{InsightPlatform.Metric}/query?query=up");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<double?> ValueAsync(HttpClient client, string query) =>
        (await InsightPlatform.VectorAsync(client, query)) is [var single] ? single.Value : null;
}

/// <summary>One platform for all metrics tests: starting clusters, Global Management and Insight costs seconds.</summary>
public sealed class InsightPlatformFixture : IAsyncLifetime
{
    public InsightPlatform Platform { get; } = new();

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}
