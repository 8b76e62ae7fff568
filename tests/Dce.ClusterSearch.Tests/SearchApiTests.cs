using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.ClusterSearch.Tests;

public sealed class SearchApiTests(SearchApiTests.Fixture fixture) : IClassFixture<SearchApiTests.Fixture>
{
    private const string ConfigMaps = "/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps";

    [Theory]
    [InlineData("app=web")]
    [InlineData("app==web,round=first")]
    [InlineData("app!=web")]
    [InlineData("app in (web,cache)")]
    [InlineData("app notin (web)")]
    [InlineData("tier")]
    [InlineData("!tier")]
    [InlineData("app=cache,tier=backend")]
    public async Task Label_selectors_agree_with_kubectl(string selector)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in SearchPlatform.ClusterNames)
        {
            foreach (var name in await KubectlAsync(cluster, "get", "configmaps", "-n", "shop", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}"))
            {
                expected.Add($"{cluster}/shop/{name}");
            }
        }

        var found = await SearchNamesAsync($"{ConfigMaps}?namespaces=shop&labelSelector={Uri.EscapeDataString(selector)}&limit=1000");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Namespaced_path_and_cluster_path_agree_with_kubectl()
    {
        var expected = (await KubectlAsync("beta", "get", "configmaps", "-n", "shop", "-o", "jsonpath={.items[*].metadata.name}"))
            .Select(n => $"beta/shop/{n}").ToHashSet();

        var found = await SearchNamesAsync("/apis/clusterpedia.io/v1beta1/resources/clusters/beta/api/v1/namespaces/shop/configmaps");

        Assert.Equal(expected.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task Items_carry_their_cluster_and_kind_and_secrets_carry_no_values()
    {
        var list = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(
            "/apis/clusterpedia.io/v1beta1/resources/api/v1/secrets?names=db-password");

        Assert.Equal("SecretList", list.GetProperty("kind").GetString());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(SearchPlatform.ClusterNames.Order(StringComparer.Ordinal),
            items.Select(i => i.GetProperty("metadata").GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()));
        Assert.All(items, i =>
        {
            Assert.Equal("Secret", i.GetProperty("kind").GetString());
            Assert.False(i.TryGetProperty("data", out _));
            Assert.DoesNotContain("s3cret", i.GetRawText(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Fuzzy_name_owner_order_and_continue_page_through_everything_once()
    {
        var client = fixture.Platform.AdminClient();
        var seen = new List<string>();
        string? next = null;
        long? remaining;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"{ConfigMaps}?fuzzyName=IRST&orderby=name%20desc,created_at&limit=4&withRemainingCount=true" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(NameOf));
            next = page.GetProperty("metadata").TryGetProperty("continue", out var c) ? c.GetString() : null;
            remaining = page.GetProperty("metadata").GetProperty("remainingItemCount").GetInt64();
        }
        while (next is not null);

        Assert.Equal(0, remaining);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(seen, n => Assert.Contains("first-", n, StringComparison.Ordinal));
        Assert.Equal(seen.Select(n => n.Split('/')[2]).OrderDescending(StringComparer.Ordinal), seen.Select(n => n.Split('/')[2]));
        var all = await SearchNamesAsync($"{ConfigMaps}?limit=1000");
        Assert.Equal(all.Where(n => n.Split('/')[2].Contains("first", StringComparison.Ordinal)), seen.Order(StringComparer.Ordinal));

        var deployment = (await client.GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/resources/apis/apps/v1/deployments?clusters=alpha&names=web"))
            .GetProperty("items")[0].GetProperty("metadata").GetProperty("uid").GetString();
        await Eventually.Until(async () => (await SearchNamesAsync($"/apis/clusterpedia.io/v1beta1/resources/apis/apps/v1/replicasets?ownerUID={deployment}")).Count == 1,
            "the deployment's replica set found by its owner");
    }

    [Theory]
    [InlineData("name", "gamma,alpha")]
    [InlineData("name%20desc", "gamma,alpha")]
    [InlineData("name", "gamma")]
    public async Task A_search_of_some_clusters_by_name_pages_in_the_order_the_search_of_every_cluster_gives_them(string order, string clusters)
    {
        // Asked of a few clusters by name, each cluster's rows are walked apart and merged; asked of all, one walk reads
        // every cluster. Both must give the same objects in the same order, page after page.
        var everywhere = await PageThroughAsync($"{ConfigMaps}?orderby={order}&limit=1000");
        var expected = everywhere.Where(n => clusters.Split(',').Contains(n.Split('/')[0])).ToList();

        var paged = await PageThroughAsync($"{ConfigMaps}?clusters={clusters}&orderby={order}&limit=3");

        Assert.True(expected.Count > 3, $"only {expected.Count} configmaps in {clusters}");
        Assert.Equal(expected, paged);
    }

    [Fact]
    public async Task A_continue_token_resumes_after_its_last_object_even_when_objects_are_added_before_it()
    {
        var paging = new ClusterChurn(fixture.Platform.Clusters.Client("alpha"), "paging");
        await paging.EnsureNamespaceAsync();
        foreach (var name in new[] { "m-1", "m-2", "m-3", "m-4" })
        {
            await paging.CreateConfigMapAsync(name, new Dictionary<string, string> { ["app"] = "paging" });
        }

        var url = "/apis/clusterpedia.io/v1beta1/resources/api/v1/namespaces/paging/configmaps?labelSelector=app%3Dpaging&limit=2&withRemainingCount=true";
        await Eventually.Until(async () => (await SearchNamesAsync(url.Replace("limit=2", "limit=10", StringComparison.Ordinal))).Count == 4, "the four objects indexed");
        var first = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(url);
        var token = first.GetProperty("metadata").GetProperty("continue").GetString()!;

        await paging.CreateConfigMapAsync("a-0", new Dictionary<string, string> { ["app"] = "paging" });
        await Eventually.Until(async () => (await SearchNamesAsync(url.Replace("limit=2", "limit=10", StringComparison.Ordinal))).Count == 5, "the earlier object indexed");
        var second = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(url + "&continue=" + Uri.EscapeDataString(token));

        Assert.Equal(["alpha/paging/m-1", "alpha/paging/m-2"], first.GetProperty("items").EnumerateArray().Select(NameOf));
        Assert.Equal(["alpha/paging/m-3", "alpha/paging/m-4"], second.GetProperty("items").EnumerateArray().Select(NameOf));
        Assert.Equal(0, second.GetProperty("metadata").GetProperty("remainingItemCount").GetInt64());
        Assert.False(second.GetProperty("metadata").TryGetProperty("continue", out _));
    }

    [Fact]
    public async Task A_continue_token_of_another_order_is_refused()
    {
        var page = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{ConfigMaps}?limit=1");
        var token = page.GetProperty("metadata").GetProperty("continue").GetString()!;

        var response = await fixture.Platform.AdminClient().GetAsync($"{ConfigMaps}?limit=1&orderby=created_at%20desc&continue={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another order", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_sees_a_change_once_it_is_indexed_even_when_the_same_search_was_cached()
    {
        var url = $"{ConfigMaps}?clusters=alpha&labelSelector=app%3Dfresh";
        var before = await SearchNamesAsync(url);
        Assert.Equal(before, await SearchNamesAsync(url));

        await new ClusterChurn(fixture.Platform.Clusters.Client("alpha"), "shop").CreateConfigMapAsync("fresh-1", new Dictionary<string, string> { ["app"] = "fresh" });

        await Eventually.Until(async () => (await SearchNamesAsync(url)).Contains("alpha/shop/fresh-1"), "the new object found by the cached search");
    }

    [Theory]
    [InlineData("labelSelector=app%20in%20(web", "labelSelector")]
    [InlineData("labelSelector=app%3E1", "labelSelector")]
    [InlineData("labelSelector=-bad-%3Dx", "labelSelector")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("orderby=uid", "orderby")]
    [InlineData("continue=not-a-token", "continue")]
    [InlineData("since=yesterday", "since")]
    [InlineData("withRemainingCount=maybe", "withRemainingCount")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await fixture.Platform.AdminClient().GetAsync($"{ConfigMaps}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(parameter, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_types_are_404_and_callers_without_a_token_are_401()
    {
        var unknown = await fixture.Platform.AdminClient().GetAsync("/apis/clusterpedia.io/v1beta1/resources/apis/example.com/v1/widgets");
        var anonymous = await fixture.Platform.Search.CreateClient().GetAsync(ConfigMaps);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<List<string>> PageThroughAsync(string url)
    {
        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(url + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(NameOf));
            next = page.GetProperty("metadata").TryGetProperty("continue", out var c) ? c.GetString() : null;
        }
        while (next is not null);
        return seen;
    }

    private async Task<List<string>> SearchNamesAsync(string url)
    {
        var list = await fixture.Platform.AdminClient().GetFromJsonAsync<JsonElement>(url);
        return [.. list.GetProperty("items").EnumerateArray().Select(NameOf).Order(StringComparer.Ordinal)];
    }

    private static string NameOf(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        return $"{metadata.GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()}/{metadata.GetProperty("namespace").GetString()}/{metadata.GetProperty("name").GetString()}";
    }

    private async Task<string[]> KubectlAsync(string cluster, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("KUBECTL") ?? "/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(fixture.Platform.Clusters.KubeconfigPath(cluster));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Three clusters with the same churned objects, synced and settled before the tests ask.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SearchPlatform Platform { get; } = new();

        public async Task InitializeAsync()
        {
            await Platform.InitializeAsync();
            foreach (var cluster in SearchPlatform.ClusterNames)
            {
                var churn = new ClusterChurn(Platform.Clusters.Client(cluster), "shop");
                await churn.EnsureNamespaceAsync();
                await churn.RoundAsync("first", 12);
                await churn.CreateDeploymentAsync("web", 2);
                await churn.CreateSecretAsync("db-password", "s3cret-" + cluster);
            }

            await Eventually.Until(async () => (await Platform.CompareAsync()).Exact, "the index settled");
        }

        public Task DisposeAsync() => Platform.DisposeAsync();
    }
}
