using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;

namespace Dce.ClusterSearch.Tests;

public sealed class CollectionResourceTests(CollectionResourceTests.Fixture fixture) : IClassFixture<CollectionResourceTests.Fixture>
{
    private const string Collections = "/apis/clusterpedia.io/v1beta1/collectionresources";
    private const string DeploymentsAndConfigMaps = Collections + "/any?resources=apps/deployments,core/configmaps";

    [Fact]
    public async Task A_workspace_member_sees_only_their_namespace_whatever_the_collection_or_parameters()
    {
        var everyone = fixture.Platform.AdminClient();
        await Eventually.Until(async () => (await KeysAsync(everyone, $"{Collections}/workloads?namespaces=team-a,team-b")).Count == 2,
            "both teams' deployments indexed");

        var workloads = await KeysAsync(fixture.Viewer, $"{Collections}/workloads");
        var core = await KeysAsync(fixture.Viewer, $"{Collections}/any?groups=core,apps&limit=10000");
        var otherTeam = await KeysAsync(fixture.Viewer, $"{DeploymentsAndConfigMaps}&namespaces=team-b");
        var otherClusters = await KeysAsync(fixture.Viewer, $"{Collections}/kuberesources?clusters=beta,gamma");
        var everything = await KeysAsync(fixture.Viewer, $"{Collections}/kuberesources?limit=10000");

        Assert.Equal(["Deployment/alpha/team-a/api"], workloads);
        Assert.Contains("ConfigMap/alpha/team-a/settings", core);
        Assert.Contains("Namespace/alpha//team-a", core);
        Assert.Contains("Deployment/alpha/team-a/api", everything);
        Assert.All(everything, k => Assert.Matches("^(Namespace/alpha//team-a|[A-Za-z]+/alpha/team-a/.+)$", k));
        Assert.Empty(otherTeam);
        Assert.Empty(otherClusters);
        Assert.Contains("Deployment/alpha/team-b/api", await KeysAsync(everyone, $"{DeploymentsAndConfigMaps}&namespaces=team-b"));
    }

    [Fact]
    public async Task The_list_names_the_predefined_collections_and_their_types()
    {
        var list = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(Collections);

        Assert.Equal("clusterpedia.io/v1beta1", list.GetProperty("apiVersion").GetString());
        Assert.Equal("CollectionResourceList", list.GetProperty("kind").GetString());
        var types = list.GetProperty("items").EnumerateArray().ToDictionary(
            c => c.GetProperty("metadata").GetProperty("name").GetString()!,
            c => c.GetProperty("resourceTypes").EnumerateArray().Select(t => $"{t.GetProperty("group").GetString()}/{t.GetProperty("resource").GetString()}").ToList());
        Assert.Equal(["any", "kuberesources", "workloads"], types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["apps/daemonsets", "apps/deployments", "apps/statefulsets"], types["workloads"].Order(StringComparer.Ordinal));
        Assert.Equal(ClusterSearchOptions.DefaultResources.Count, types["any"].Count);
        Assert.Contains("batch/jobs", types["kuberesources"]);
        Assert.Contains("/pods", types["kuberesources"]);
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.False(c.TryGetProperty("items", out _)));
    }

    [Fact]
    public async Task Workloads_finds_the_workloads_each_clusters_API_lists()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in SearchPlatform.ClusterNames)
        {
            var apps = fixture.Platform.Clusters.Client(cluster).AppsV1;
            expected.UnionWith((await apps.ListDeploymentForAllNamespacesAsync()).Items.Select(d => $"Deployment/{cluster}/{d.Metadata.NamespaceProperty}/{d.Metadata.Name}"));
            expected.UnionWith((await apps.ListDaemonSetForAllNamespacesAsync()).Items.Select(d => $"DaemonSet/{cluster}/{d.Metadata.NamespaceProperty}/{d.Metadata.Name}"));
            expected.UnionWith((await apps.ListStatefulSetForAllNamespacesAsync()).Items.Select(d => $"StatefulSet/{cluster}/{d.Metadata.NamespaceProperty}/{d.Metadata.Name}"));
        }

        var collection = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{Collections}/workloads");

        Assert.Equal("CollectionResource", collection.GetProperty("kind").GetString());
        Assert.Equal("workloads", collection.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(SearchPlatform.ClusterNames.Select(c => $"Deployment/{c}/shop/web"), expected.Where(k => k.EndsWith("/shop/web", StringComparison.Ordinal)));
        Assert.Equal(expected, Keys(collection).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Any_with_resources_and_a_namespace_gives_both_kinds_and_metadata_only()
    {
        var collection = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{DeploymentsAndConfigMaps}&namespaces=shop&clusters=beta");
        var items = collection.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["apps/deployments", "/configmaps"], collection.GetProperty("resourceTypes").EnumerateArray()
            .Select(t => $"{t.GetProperty("group").GetString()}/{t.GetProperty("resource").GetString()}"));
        Assert.Contains("Deployment/beta/shop/web", Keys(collection));
        Assert.Contains("ConfigMap/beta/shop/first-0", Keys(collection));
        Assert.All(Keys(collection), k => Assert.Matches("^(Deployment|ConfigMap)/beta/shop/", k));
        Assert.All(items, i => Assert.Equal(["apiVersion", "kind", "metadata"], i.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("apps/v1", items.First(i => i.GetProperty("kind").GetString() == "Deployment").GetProperty("apiVersion").GetString());
        Assert.Equal("v1", items.First(i => i.GetProperty("kind").GetString() == "ConfigMap").GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task Limit_and_continue_page_through_the_whole_collection_once_in_order()
    {
        var client = fixture.Platform.AdminClient();
        var all = Keys(await client.GetFromJsonAsync<JsonElement>($"{DeploymentsAndConfigMaps}&namespaces=shop&orderby=name%20desc&limit=1000"));
        var seen = new List<string>();
        string? next = null;
        long remaining;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"{DeploymentsAndConfigMaps}&namespaces=shop&orderby=name%20desc&limit=4&withRemainingCount=true" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)));
            seen.AddRange(Keys(page));
            next = page.TryGetProperty("continue", out var c) ? c.GetString() : null;
            remaining = page.GetProperty("remainingItemCount").GetInt64();
            Assert.Equal(all.Count - seen.Count, remaining);
        }
        while (next is not null);

        Assert.Equal(0, remaining);
        Assert.Equal(all, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count > 8, $"{seen.Count} items span several pages");
        Assert.Equal(seen.Select(k => k.Split('/')[3]).OrderDescending(StringComparer.Ordinal), seen.Select(k => k.Split('/')[3]));
        Assert.All(SearchPlatform.ClusterNames, c => Assert.Equal(2, seen.Count(k => k.EndsWith($"/{c}/shop/web", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("any", "groups or resources", "resources=")]
    [InlineData("any?resources=example.com/widgets", "resources", "example.com/widgets")]
    [InlineData("any?resources=pods", "resources", "pods")]
    [InlineData("any?groups=example.com", "groups", "example.com")]
    [InlineData("workloads?groups=apps", "groups")]
    [InlineData("workloads?onlyMetadata=false", "onlyMetadata")]
    [InlineData("workloads?limit=0", "limit")]
    [InlineData("workloads?continue=not-a-token", "continue")]
    [InlineData("kuberesources?labelSelector=app%20in%20(web", "labelSelector")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter, string? named = null)
    {
        var response = await fixture.Platform.AdminClient().GetAsync($"{Collections}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"Invalid parameter '{parameter}'", problem.GetProperty("title").GetString());
        Assert.Contains(named ?? parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_collection_is_a_404_naming_the_known_ones_and_callers_without_a_token_are_401()
    {
        var unknown = await fixture.Platform.AdminClient().GetAsync($"{Collections}/everything");
        var anonymous = await fixture.Platform.Search.CreateClient().GetAsync($"{Collections}/workloads");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var detail = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.All(new[] { "any", "workloads", "kuberesources" }, n => Assert.Contains(n, detail, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<List<string>> KeysAsync(HttpClient client, string url) =>
        Keys(await client.GetFromJsonAsync<JsonElement>(url));

    /// <summary>Each item as kind/cluster/namespace/name, in the answer's order.</summary>
    private static List<string> Keys(JsonElement collection) =>
        [.. collection.GetProperty("items").EnumerateArray().Select(i =>
        {
            var m = i.GetProperty("metadata");
            return $"{i.GetProperty("kind").GetString()}/{m.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()}/" +
                $"{(m.TryGetProperty("namespace", out var ns) ? ns.GetString() : "")}/{m.GetProperty("name").GetString()}";
        })];

    /// <summary>
    /// Three clusters with a shop namespace (configmaps and a Deployment, and a ConfigMap of the Deployment's name) each; on alpha two teams' namespaces, each bound
    /// to its own workspace, and a viewer of team-a's workspace.
    /// </summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SearchPlatform Platform { get; } = new();

        public HttpClient Viewer { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Platform.InitializeAsync();
            foreach (var cluster in SearchPlatform.ClusterNames)
            {
                var churn = new ClusterChurn(Platform.Clusters.Client(cluster), "shop");
                await churn.EnsureNamespaceAsync();
                await churn.RoundAsync("first", 9);
                await churn.CreateDeploymentAsync("web", 1);
                await churn.CreateConfigMapAsync("web", new Dictionary<string, string> { ["app"] = "web" });
            }

            foreach (var team in new[] { "team-a", "team-b" })
            {
                var churn = new ClusterChurn(Platform.Clusters.Client("alpha"), team);
                await churn.EnsureNamespaceAsync();
                await churn.CreateConfigMapAsync("settings", new Dictionary<string, string> { ["app"] = "api" });
                await churn.CreateDeploymentAsync("api", 1);
            }

            await Platform.Identity.JoinClusterAsync("alpha");
            Viewer = await WorkspaceViewer.CreateAsync(Platform, "collections-a", "alpha", "team-a", "viewer-a");
            _ = await WorkspaceViewer.CreateAsync(Platform, "collections-b", "alpha", "team-b", "viewer-b");
            await Eventually.Until(async () => (await Platform.CompareAsync()).Exact, "the index settled");
        }

        public Task DisposeAsync() => Platform.DisposeAsync();
    }
}
