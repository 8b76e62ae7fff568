using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Models;

namespace Dce.Insight.Tests;

/// <summary>Simulated clusters, Global Management and Insight scraping the clusters it was told of, into a real VictoriaMetrics.</summary>
public sealed class InsightPlatform : IAsyncLifetime
{
    public const string Metric = "/apis/insight.io/v1alpha1/metric";
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Password = "Viewer-Pa55-word";

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

    /// <summary>
    /// Creates <paramref name="name"/> in <paramref name="ns"/> of <paramref name="cluster"/>, and the namespace when it is missing;
    /// its container is named <paramref name="container"/> (else as the Deployment), so its log lines carry that name.
    /// </summary>
    public async Task CreateDeploymentAsync(string cluster, string ns, string name, int replicas, string? container = null)
    {
        var client = Clusters.Client(cluster);
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }

        var labels = new Dictionary<string, string> { ["app"] = name };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = container ?? name, Image = "nginx:1.27" }] },
                },
            },
        }, ns);
    }

    /// <summary>
    /// A user who views <paramref name="ns"/> of <paramref name="cluster"/> only, through a workspace of their own; <paramref name="purpose"/>
    /// keeps the names of different test classes apart.
    /// </summary>
    public async Task<HttpClient> NamespaceViewerAsync(string cluster, string ns, string purpose = "insight")
    {
        var admin = await Identity.AdminClientAsync();
        await Identity.JoinClusterAsync(cluster);
        var workspace = await (await admin.PostAsJsonAsync($"{Ghippo}/workspaces", new { name = $"{purpose}-{ns}" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = workspace.GetProperty("id").GetInt32();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/bind-resource", new { cluster, @namespace = ns })).EnsureSuccessStatusCode();
        var user = await (await admin.PostAsJsonAsync($"{Ghippo}/users", new { name = $"{purpose}-viewer-{ns}", password = Password, enabled = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"{Ghippo}/workspaces/{id}/authorize", new { subjectKind = "User", subjectId = user.GetProperty("id").GetGuid(), roleName = "ns-viewer" }))
            .EnsureSuccessStatusCode();
        return Insight.ClientWithToken(await Identity.LoginAsync($"{purpose}-viewer-{ns}", Password));
    }
}
