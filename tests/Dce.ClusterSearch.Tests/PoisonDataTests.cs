using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ClusterSearch.Tests;

/// <summary>An object the database refuses is set aside and counted; every other object keeps being indexed.</summary>
[Trait("Category", "Security")]
public sealed class PoisonDataTests(SearchPlatform platform) : IClassFixture<SearchPlatform>
{
    [Fact]
    public async Task A_configmap_the_database_refuses_is_set_aside_and_everything_after_it_is_indexed()
    {
        const string ns = "poison";
        var alpha = platform.Clusters.Client("alpha");
        var beta = platform.Clusters.Client("beta");
        await new ClusterChurn(alpha, ns).EnsureNamespaceAsync();
        await new ClusterChurn(beta, ns).EnsureNamespaceAsync();

        // PostgreSQL's jsonb and text refuse U+0000, which the Kubernetes API accepts in any ConfigMap value.
        await alpha.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("nul-byte", "before\0after"), ns);
        await alpha.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after-poison-alpha", "ok"), ns);
        await beta.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after-poison-beta", "ok"), ns);

        await Eventually.Until(async () =>
        {
            var index = await platform.Search.IndexAsync();
            return index.ContainsKey($"alpha||configmaps|{ns}|after-poison-alpha") && index.ContainsKey($"beta||configmaps|{ns}|after-poison-beta");
        }, "the objects created after the poison indexed in both clusters");
        await Eventually.Until(async () => await SetAsideCountAsync("alpha") == 1, "alpha counting one set-aside object");
        var listed = await SetAsideAsync("alpha");
        var entry = Assert.Single(listed.GetProperty("objects").EnumerateArray());
        Assert.Equal("nul-byte", entry.GetProperty("name").GetString());
        Assert.Equal(ns, entry.GetProperty("namespace").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("errorCode").GetString()));
        Assert.Equal(0, await SetAsideCountAsync("beta"));

        // A later valid version replaces the poison and clears it.
        var map = await alpha.CoreV1.ReadNamespacedConfigMapAsync("nul-byte", ns);
        map.Data = new Dictionary<string, string> { ["value"] = "clean" };
        await alpha.CoreV1.ReplaceNamespacedConfigMapAsync(map, "nul-byte", ns);
        await Eventually.Until(async () => (await platform.Search.IndexAsync()).ContainsKey($"alpha||configmaps|{ns}|nul-byte"), "the clean version indexed");
        await Eventually.Until(async () => await SetAsideCountAsync("alpha") == 0, "alpha's set-aside object cleared");
    }

    private static V1ConfigMap ConfigMap(string name, string value) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["value"] = value } };

    private async Task<long> SetAsideCountAsync(string cluster) =>
        await SetAsideAsync(cluster) is { ValueKind: JsonValueKind.Object } entry ? entry.GetProperty("count").GetInt64() : 0;

    private async Task<JsonElement> SetAsideAsync(string cluster)
    {
        var status = await platform.AdminClient().GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return status.TryGetProperty("setAside", out var setAside)
            ? setAside.EnumerateArray().FirstOrDefault(s => s.GetProperty("cluster").GetString() == cluster)
            : default;
    }
}
