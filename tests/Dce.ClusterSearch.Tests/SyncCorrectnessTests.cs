using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;

namespace Dce.ClusterSearch.Tests;

public sealed class SyncCorrectnessTests : IAsyncLifetime
{
    private readonly SearchPlatform _platform = new();

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task Index_equals_the_clusters_after_churn_410_restarts_and_an_outage()
    {
        var churn = SearchPlatform.ClusterNames.ToDictionary(c => c, c => new ClusterChurn(_platform.Clusters.Client(c), "shop"));
        foreach (var (cluster, c) in churn)
        {
            await c.EnsureNamespaceAsync();
            await c.RoundAsync("first", 12);
            await c.CreateDeploymentAsync("web", 3);
            await c.CreateSecretAsync("db-password", "s3cret-" + cluster);
        }

        // 410: alpha's history is dropped and its watches end, so they resume from a resourceVersion it no longer has.
        await _platform.Clusters.CompactAsync("alpha");
        await churn["alpha"].RoundAsync("after-compact", 9);
        await _platform.Clusters.RestartWatchesAsync("alpha");

        // Disconnect: beta's watches end and resume from their last resourceVersion.
        await _platform.Clusters.RestartWatchesAsync("beta");
        await churn["beta"].RoundAsync("after-restart", 9);
        await churn["beta"].DeleteDeploymentAsync("web");

        // Outage: gamma answers 503 for a while; then it is reported unhealthy, changes while not synced, and runs again.
        await _platform.Clusters.SetUnreachableAsync("gamma", true);
        await _platform.Clusters.RestartWatchesAsync("gamma");
        await Eventually.Until(async () => (await StateOfAsync("gamma")).Any(s => s == "Retrying"), "gamma's sync retrying");
        await _platform.Clusters.SetUnreachableAsync("gamma", false);
        await _platform.Search.PublishAsync(new ClusterHealthChanged("gamma", "Unknown", "Running", "unreachable"));
        await Eventually.Until(async () => (await StateOfAsync("gamma")).All(s => s == "Stopped"), "gamma's sync stopped");
        await churn["gamma"].RoundAsync("while-stopped", 9);
        await churn["gamma"].DeleteConfigMapAsync("first-0");
        await _platform.Search.PublishAsync(new ClusterHealthChanged("gamma", "Running", "Unknown", null));
        await _platform.WaitUntilWatchingAsync(SearchPlatform.ClusterNames);

        var comparison = await SettledComparisonAsync();

        Assert.True(comparison.Objects > 100, comparison.ToString());
        Assert.Equal((0, 0, 0), (comparison.Missing.Count, comparison.Stale.Count, comparison.LeftBehind.Count));
    }

    [Fact]
    public async Task A_restarted_module_resumes_from_its_own_table_and_a_removed_cluster_leaves_nothing_behind()
    {
        var churn = new ClusterChurn(_platform.Clusters.Client("beta"), "restart");
        await churn.EnsureNamespaceAsync();
        await churn.RoundAsync("before", 6);

        var previous = _platform.Search;
        await previous.DisposeAsync();
        await churn.RoundAsync("while-down", 6);
        _platform.Search = await ClusterSearchHost.StartAsync(_platform.Identity, previous.Database, previous.Bus, previous.CredentialKey);
        await _platform.WaitUntilWatchingAsync(SearchPlatform.ClusterNames);
        var afterRestart = await SettledComparisonAsync();
        Assert.True(afterRestart.Exact, afterRestart.ToString());

        await _platform.Search.PublishAsync(new ClusterRemoved("beta"));
        await Eventually.Until(async () => !(await _platform.Search.IndexAsync()).Keys.Any(k => k.StartsWith("beta|", StringComparison.Ordinal)),
            "beta's objects removed from the index");
        Assert.Contains((await _platform.Search.IndexAsync()).Keys, k => k.StartsWith("alpha|", StringComparison.Ordinal));
    }

    // Churn settles within seconds; the comparison is repeated until it is exact or the patience runs out, and the last one is judged.
    private async Task<IndexComparison> SettledComparisonAsync()
    {
        var comparison = await _platform.CompareAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!comparison.Exact && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            comparison = await _platform.CompareAsync();
        }

        return comparison;
    }

    private async Task<IReadOnlyList<string>> StateOfAsync(string cluster)
    {
        var status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
            _platform.AdminClient(), "/apis/clusterpedia.io/v1beta1/syncstatus");
        return [.. status.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("cluster").GetString() == cluster)
            .Select(i => i.GetProperty("state").GetString()!)];
    }
}
