using System.Net.Http.Json;
using System.Text.Json;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;

namespace Dce.Insight.Tests;

/// <summary>Simulated clusters, Global Management and Insight scraping the clusters it was told of, into a real VictoriaMetrics.</summary>
public sealed class InsightPlatform : IAsyncLifetime
{
    public const string Metric = "/apis/insight.io/v1alpha1/metric";

    /// <summary>Cluster names unique to this fixture, since every test process shares one VictoriaMetrics.</summary>
    public string[] ClusterNames { get; } = [$"obs-{Guid.NewGuid():N}"[..12], $"obs-{Guid.NewGuid():N}"[..12]];

    public SimulatedClusters Clusters { get; private set; } = null!;
    public GlobalManagementHost Identity { get; } = new() { RedisDatabase = GlobalManagementHost.StampDatabase, MinimumLogLevel = null };
    public InsightHost Insight { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";

    /// <summary>Settings the Insight host gets beside its defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync(ClusterNames, workerNodes: 2);
        await Identity.InitializeAsync();
        _ = Identity.Server;
        AdminToken = await Identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        Insight = await InsightHost.StartAsync(Identity, Settings);
        foreach (var cluster in ClusterNames)
        {
            await IntegrateAsync(cluster);
        }
    }

    /// <summary>
    /// Announces a cluster as Container Management does, again until its kube-state-metrics is scraped: an event published
    /// before the module's queue is bound is dropped by the exchange, as it would be on the platform.
    /// </summary>
    public async Task IntegrateAsync(string cluster)
    {
        var announced = new ClusterIntegrated(cluster, "aws", "region-1", Insight.Protector.Protect(Clusters.Kubeconfig(cluster)));
        var deadline = DateTime.UtcNow + Eventually.Patience;
        while (true)
        {
            await Insight.PublishAsync(announced with { Id = Guid.NewGuid() });
            for (var wait = 0; wait < 10; wait++)
            {
                if ((await VectorAsync(AdminClient(), $"up{{cluster=\"{cluster}\",job=\"kube-state-metrics\"}} == 1")).Count == 1)
                {
                    return;
                }

                await Task.Delay(500);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Insight never scraped cluster {cluster}.");
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Insight.DisposeAsync();
        await Identity.DisposeAsync();
        await Clusters.DisposeAsync();
    }

    public HttpClient AdminClient() => Insight.ClientWithToken(AdminToken);

    /// <summary>The series of an instant query through the module: each series' labels and value.</summary>
    public static async Task<List<(JsonElement Metric, double Value)>> VectorAsync(HttpClient client, string query, string extra = "")
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"{Metric}/query?query={Uri.EscapeDataString(query)}{extra}");
        return [.. answer.GetProperty("vector").EnumerateArray().Select(sample => (sample.GetProperty("metric"),
            double.Parse(sample.GetProperty("values").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
