using System.Net.Http.Json;
using System.Text.Json;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ClusterSearch.Tests;

/// <summary>Simulated clusters, Global Management and Cluster Search following the clusters through their events.</summary>
public sealed class SearchPlatform : IAsyncLifetime
{
    public static readonly string[] ClusterNames = ["alpha", "beta", "gamma"];

    public SimulatedClusters Clusters { get; private set; } = null!;
    public GlobalManagementHost Identity { get; } = new() { RedisDatabase = GlobalManagementHost.StampDatabase, MinimumLogLevel = null };
    public ClusterSearchHost Search { get; set; } = null!;
    public string AdminToken { get; private set; } = "";

    /// <summary>Serve Cluster Search on a loopback port (for kubectl and other clients outside the process) instead of in memory.</summary>
    public bool OnLoopback { get; init; }

    public async Task InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync(ClusterNames, workerNodes: 2);
        await Identity.InitializeAsync();
        _ = Identity.Server;
        AdminToken = await Identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        Search = await ClusterSearchHost.StartAsync(Identity, onLoopback: OnLoopback);
        foreach (var cluster in ClusterNames)
        {
            await IntegrateAsync(cluster);
        }

        await WaitUntilWatchingAsync(ClusterNames);
    }

    /// <summary>
    /// Announces a cluster as Container Management does, again until the module reports it: an event published before the
    /// module's queue is bound is dropped by the exchange, as it would be on the platform (where the module asks for a
    /// re-announcement at start).
    /// </summary>
    public Task IntegrateAsync(string cluster) => IntegrateAsync(cluster, Clusters.Kubeconfig(cluster));

    /// <inheritdoc cref="IntegrateAsync(string)"/>
    public async Task IntegrateAsync(string cluster, string kubeconfig)
    {
        var announced = new ClusterIntegrated(cluster, "aws", "region-1", Search.Protector.Protect(kubeconfig));
        var deadline = DateTime.UtcNow + Eventually.Patience;
        while (true)
        {
            await Search.PublishAsync(announced with { Id = Guid.NewGuid() });
            for (var wait = 0; wait < 30; wait++)
            {
                if (await IsKnownAsync(cluster))
                {
                    return;
                }

                await Task.Delay(100);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Cluster Search never reported cluster {cluster}.");
            }
        }
    }

    private async Task<bool> IsKnownAsync(string cluster)
    {
        var status = await AdminClient().GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return status.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("cluster").GetString() == cluster);
    }

    public HttpClient AdminClient() => Search.ClientWithToken(AdminToken);

    public async Task WaitUntilWatchingAsync(IReadOnlyCollection<string> clusters)
    {
        var types = ClusterSearchOptions.DefaultResources.Count;
        await Eventually.Until(async () =>
        {
            var status = await AdminClient().GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
            var watching = status.GetProperty("items").EnumerateArray()
                .Where(i => clusters.Contains(i.GetProperty("cluster").GetString()) && i.GetProperty("state").GetString() == nameof(SyncState.Watching))
                .Count();
            return watching == clusters.Count * types;
        }, $"every type of {string.Join(", ", clusters)} watched");
    }

    /// <summary>
    /// Compares the index with a fresh full list of every type of every cluster: objects missing from the index, rows
    /// whose resourceVersion differs from the cluster's, and rows of objects the cluster no longer has.
    /// </summary>
    public async Task<IndexComparison> CompareAsync()
    {
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in ClusterNames)
        {
            using var connection = ClusterConnection.FromKubeconfig(Clusters.Kubeconfig(cluster), Search.Services.GetRequiredService<KubeconfigLoader>());
            foreach (var type in ClusterSearchOptions.DefaultResources)
            {
                await foreach (var (ns, name, rv) in ListAsync(connection, type))
                {
                    truth[string.Join('|', cluster, type.Group, type.Resource, ns, name)] = rv;
                }
            }
        }

        var index = await Search.IndexAsync();
        var missing = truth.Keys.Where(k => !index.ContainsKey(k)).ToList();
        var stale = truth.Where(t => index.TryGetValue(t.Key, out var rv) && rv != t.Value).Select(t => t.Key).ToList();
        var leftBehind = index.Keys.Where(k => !truth.ContainsKey(k)).ToList();
        return new IndexComparison(truth.Count, missing, stale, leftBehind);
    }

    private static async IAsyncEnumerable<(string Namespace, string Name, string ResourceVersion)> ListAsync(ClusterConnection connection, ResourceType type)
    {
        using var response = await connection.GetAsync(type.CollectionPath, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
        {
            var metadata = item.GetProperty("metadata");
            yield return (metadata.TryGetProperty("namespace", out var ns) ? ns.GetString()! : "", metadata.GetProperty("name").GetString()!,
                metadata.GetProperty("resourceVersion").GetString()!);
        }
    }

    public async Task DisposeAsync()
    {
        await Search.DisposeAsync();
        await Identity.DisposeAsync();
        await Clusters.DisposeAsync();
    }
}

/// <summary>The index against the clusters: the three counts are 0 when the index is exact.</summary>
public sealed record IndexComparison(int Objects, IReadOnlyList<string> Missing, IReadOnlyList<string> Stale, IReadOnlyList<string> LeftBehind)
{
    public bool Exact => Missing.Count == 0 && Stale.Count == 0 && LeftBehind.Count == 0;

    public override string ToString() =>
        $"{Objects} objects: {Missing.Count} missing, {Stale.Count} stale, {LeftBehind.Count} left behind " +
        $"(e.g. {string.Join(", ", Missing.Concat(Stale).Concat(LeftBehind).Take(5))})";
}
