using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing.KubeSim;

namespace Dce.Testing.Hosts;

/// <summary>Simulated clusters, Global Management and Container Management in one process, each on its own loopback port.</summary>
public sealed class ContainerManagementPlatform : IAsyncDisposable
{
    private ContainerManagementPlatform(SimulatedClusters clusters, GlobalManagementHost identity, ContainerManagementHost module, string adminToken)
    {
        Clusters = clusters;
        Identity = identity;
        Module = module;
        AdminToken = adminToken;
    }

    public SimulatedClusters Clusters { get; }
    public GlobalManagementHost Identity { get; }
    public ContainerManagementHost Module { get; }
    public string AdminToken { get; }

    public static async Task<ContainerManagementPlatform> StartAsync(IReadOnlyList<string> clusterNames, TimeSpan healthInterval)
    {
        var clusters = await SimulatedClusters.StartAsync(clusterNames, workerNodes: 2);
        var identity = await GlobalManagementHost.StartOnLoopbackAsync();
        var token = await identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        var module = await ContainerManagementHost.StartAsync(identity.Address, identity.Exchange, clusters.KubeconfigDirectory, healthInterval);
        return new ContainerManagementPlatform(clusters, identity, module, token);
    }

    /// <summary>A client of Container Management signed in as the bootstrap admin.</summary>
    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = Module.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Waits until the cluster list shows every one of <paramref name="clusters"/> with a health summary.</summary>
    public async Task WaitForSummariesAsync(IReadOnlyCollection<string> clusters, TimeSpan? timeout = null)
    {
        using var client = AdminClient();
        await Eventually.Until(async () =>
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/apis/kpanda.io/v1alpha1/clusters?pageSize={Math.Max(clusters.Count, 1)}");
            var summarized = list.GetProperty("items").EnumerateArray()
                .Count(c => clusters.Contains(c.GetProperty("metadata").GetProperty("name").GetString())
                    && c.GetProperty("status").TryGetProperty("nodeSummary", out var summary) && summary.ValueKind == JsonValueKind.Object);
            return summarized == clusters.Count;
        }, $"health summaries of {clusters.Count} clusters", timeout);
        foreach (var cluster in clusters)
        {
            await Eventually.Until(() => Identity.KnowsClusterAsync(cluster), $"Global Management knowing {cluster} joined", timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Module.DisposeAsync();
        await Identity.DisposeAsync();
        await Clusters.DisposeAsync();
    }
}
