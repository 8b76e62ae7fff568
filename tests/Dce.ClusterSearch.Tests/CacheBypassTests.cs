using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using Npgsql;

namespace Dce.ClusterSearch.Tests;

/// <summary><c>Cache-Control: no-cache</c> reads the index past a cached answer, and never past the caller's scope.</summary>
public sealed class CacheBypassTests : IAsyncLifetime
{
    private const string Url = "/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps?labelSelector=app%3Dbypass";
    private readonly SearchPlatform _platform = new();

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task A_viewer_asking_without_the_cache_still_sees_only_their_namespace()
    {
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var churn = new ClusterChurn(_platform.Clusters.Client("alpha"), ns);
            await churn.EnsureNamespaceAsync();
            await churn.CreateConfigMapAsync("settings", new Dictionary<string, string> { ["app"] = "bypass" });
        }

        await _platform.Identity.JoinClusterAsync("alpha");
        var viewer = await WorkspaceViewer.CreateAsync(_platform, "bypass-a", "alpha", "team-a", "bypass-viewer");
        await Eventually.Until(async () => (await ValuesAsync(_platform.AdminClient(), skipCache: false)).Count == 2, "both namespaces' objects indexed");

        var cached = await ValuesAsync(viewer, skipCache: false);
        var uncached = await ValuesAsync(viewer, skipCache: true);

        Assert.Equal(["alpha/team-a/settings"], cached.Keys);
        Assert.Equal(["alpha/team-a/settings"], uncached.Keys);
    }

    [Fact]
    public async Task No_cache_answers_from_the_index_when_a_cached_answer_is_out_of_date_and_replaces_it()
    {
        var churn = new ClusterChurn(_platform.Clusters.Client("alpha"), "shop");
        await churn.EnsureNamespaceAsync();
        await churn.CreateConfigMapAsync("settings", new Dictionary<string, string> { ["app"] = "bypass" });
        var admin = _platform.AdminClient();
        await Eventually.Until(async () => (await _platform.CompareAsync()).Exact, "the index settled, so no write ends a cached answer during the test");
        Assert.Equal("1", (await ValuesAsync(admin, skipCache: false))["alpha/shop/settings"]);

        // Changed behind the cache's back: no write of the module, so the type's index version (the cache key) stays.
        await ChangeIndexedValueAsync("settings", "changed");
        var fromCache = await ValuesAsync(admin, skipCache: false);
        var fromIndex = await ValuesAsync(admin, skipCache: true);
        var afterwards = await ValuesAsync(admin, skipCache: false);

        Assert.Equal("1", fromCache["alpha/shop/settings"]);
        Assert.Equal("changed", fromIndex["alpha/shop/settings"]);
        Assert.Equal("changed", afterwards["alpha/shop/settings"]);
    }

    private async Task ChangeIndexedValueAsync(string name, string value)
    {
        await using var connection = new NpgsqlConnection(_platform.Search.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE resources SET object = jsonb_set(object, '{data,v}', to_jsonb(@value::text)) WHERE resource = 'configmaps' AND name = @name", connection);
        command.Parameters.AddWithValue("value", value);
        command.Parameters.AddWithValue("name", name);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>cluster/namespace/name → the object's <c>data.v</c>.</summary>
    private static async Task<Dictionary<string, string>> ValuesAsync(HttpClient client, bool skipCache)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        if (skipCache)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        using var response = await client.SendAsync(request);
        var list = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return list.GetProperty("items").EnumerateArray().ToDictionary(
            item => $"{Annotation(item)}/{item.GetProperty("metadata").GetProperty("namespace").GetString()}/{item.GetProperty("metadata").GetProperty("name").GetString()}",
            item => item.TryGetProperty("data", out var data) && data.TryGetProperty("v", out var v) ? v.GetString()! : "");
    }

    private static string Annotation(JsonElement item) =>
        item.GetProperty("metadata").GetProperty("annotations").GetProperty("shadow.clusterpedia.io/cluster-name").GetString()!;
}
