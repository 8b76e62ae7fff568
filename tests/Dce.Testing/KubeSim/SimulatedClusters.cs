using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dce.KubeSim;
using Dce.KubeSim.Clusters;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Testing.KubeSim;

/// <summary>
/// KubeSim in the test process on real loopback ports (HTTPS, as kubectl and modules reach it, and HTTP for its
/// admin API), serving the named clusters (each 1 control-plane and <c>workerNodes</c> 8-CPU/32Gi workers) with
/// their kubeconfigs in a temporary folder. Failure controls: <see cref="SetUnreachableAsync"/>, <see cref="CompactAsync"/>,
/// <see cref="RestartWatchesAsync"/>; with <c>KubeSim:StateDirectory</c> set, <see cref="RestartAsync"/> stops and starts
/// the whole server on the same state folder and ports.
/// </summary>
public sealed class SimulatedClusters : IAsyncDisposable
{
    /// <summary>The admin API's token, unless the configuration names another.</summary>
    public const string AdminToken = "simulated-clusters-admin";

    private readonly string? adminToken;
    private readonly IReadOnlyDictionary<string, string?> configuration;
    private readonly string? environment;
    private WebApplication app;

    private SimulatedClusters(WebApplication app, string kubeconfigDirectory, IReadOnlyList<string> names, string httpsUrl, string httpUrl, string? adminToken,
        IReadOnlyDictionary<string, string?> configuration, string? environment)
    {
        this.app = app;
        this.adminToken = adminToken;
        this.configuration = configuration;
        this.environment = environment;
        KubeconfigDirectory = kubeconfigDirectory;
        Names = names;
        HttpsUrl = httpsUrl;
        HttpUrl = httpUrl;
    }

    /// <summary>Where each cluster's <c>&lt;name&gt;.kubeconfig</c> is.</summary>
    public string KubeconfigDirectory { get; }

    /// <summary>The clusters served.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The HTTPS address written into the kubeconfigs.</summary>
    public string HttpsUrl { get; }

    /// <summary>The HTTP address (admin API).</summary>
    public string HttpUrl { get; }

    /// <summary>Starts KubeSim with <paramref name="names"/>; pods turn Ready after <paramref name="podStartupDelay"/> (default 200 ms).</summary>
    public static Task<SimulatedClusters> StartAsync(IReadOnlyList<string> names, int workerNodes = 3, TimeSpan? podStartupDelay = null, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        return StartConfiguredAsync(names, KubeSimConfiguration.For(names, workerNodes, podStartupDelay, settings));
    }

    /// <summary>
    /// Starts KubeSim with the clusters <paramref name="configuration"/> describes (<c>KubeSim:Clusters:*</c>) and waits
    /// until the kubeconfigs of <paramref name="names"/> are written; <paramref name="environment"/> null runs it as in production.
    /// </summary>
    public static async Task<SimulatedClusters> StartConfiguredAsync(IReadOnlyList<string> names, IReadOnlyDictionary<string, string?> configuration, string? environment = "Development")
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Path.Combine(Path.GetTempPath(), "dce-kubesim-" + Guid.NewGuid().ToString("N")[..8]);
        var (app, adminToken) = await BuildAndStartAsync(folder, configuration, environment, "https://127.0.0.1:0", "http://127.0.0.1:0");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var clusters = new SimulatedClusters(app, folder, names,
            addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal)),
            addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal)),
            adminToken, configuration, environment);
        await Eventually.Until(() => names.All(n => File.Exists(clusters.KubeconfigPath(n))), "KubeSim writing the kubeconfigs", TimeSpan.FromSeconds(60));
        return clusters;
    }

    /// <summary>
    /// Stops KubeSim as a process shutdown does and starts it again with the same configuration, kubeconfig folder and
    /// ports: with a <c>KubeSim:StateDirectory</c> its clusters come back as they were, otherwise they start afresh.
    /// <paramref name="whileStopped"/> runs between the two, e.g. to damage the state folder as a crash would.
    /// </summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        whileStopped?.Invoke();
        (app, _) = await BuildAndStartAsync(KubeconfigDirectory, configuration, environment, HttpsUrl, HttpUrl);
    }

    private static async Task<(WebApplication App, string? AdminToken)> BuildAndStartAsync(string folder, IReadOnlyDictionary<string, string?> configuration, string? environment, params string[] urls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KubeSim:KubeconfigDirectory"] = folder,
            ["KubeSim:AdminToken"] = AdminToken,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddKubeSim();
        var app = builder.Build();
        app.MapKubeSim();
        await app.StartAsync();
        return (app, builder.Configuration["KubeSim:AdminToken"]);
    }

    /// <summary>Where the clusters live, to seed or inspect their state in-process.</summary>
    public ClusterRegistry Registry => app.Services.GetRequiredService<ClusterRegistry>();

    /// <summary>The kubeconfig file of <paramref name="cluster"/>.</summary>
    public string KubeconfigPath(string cluster) => Path.Combine(KubeconfigDirectory, cluster + ".kubeconfig");

    /// <summary>The kubeconfig of <paramref name="cluster"/> as text.</summary>
    public string Kubeconfig(string cluster) => File.ReadAllText(KubeconfigPath(cluster));

    /// <summary>A KubernetesClient for <paramref name="cluster"/>.</summary>
    public IKubernetes Client(string cluster) =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(cluster)));

    /// <summary>
    /// The in-process state of <paramref name="cluster"/>: its <see cref="SimulatedCluster.Objects"/> write through the
    /// same API semantics as the HTTP handlers, for seeding data sets too large to create request by request.
    /// </summary>
    public SimulatedCluster State(string cluster) =>
        Registry.Find(cluster) ?? throw new ArgumentException($"No simulated cluster named '{cluster}'.", nameof(cluster));

    /// <summary>Makes every API request of <paramref name="cluster"/> answer 503 (or serves it again).</summary>
    public Task SetUnreachableAsync(string cluster, bool unreachable) =>
        AdminAsync(HttpMethod.Put, $"/sim/clusters/{cluster}/unreachable", new { enabled = unreachable });

    /// <summary>Marks a node Ready or NotReady; the pods on it follow.</summary>
    public Task SetNodeReadyAsync(string cluster, string node, bool ready) =>
        AdminAsync(HttpMethod.Put, $"/sim/clusters/{cluster}/nodes/{node}/ready", new { enabled = ready });

    /// <summary>Drops the watch history of <paramref name="cluster"/>: watches from older resourceVersions get 410 Gone.</summary>
    public Task CompactAsync(string cluster) => AdminAsync(HttpMethod.Post, $"/sim/clusters/{cluster}/compact", null);

    /// <summary>Adds a cluster at runtime through the admin API, as <c>POST /sim/clusters</c> with <paramref name="profile"/>.</summary>
    public Task AddClusterAsync(object profile) => AdminAsync(HttpMethod.Post, "/sim/clusters", profile);

    /// <summary>Removes a cluster through the admin API.</summary>
    public Task RemoveClusterAsync(string cluster) => AdminAsync(HttpMethod.Delete, $"/sim/clusters/{cluster}", null);

    /// <summary>Ends every open watch of <paramref name="cluster"/>, keeping its state.</summary>
    public Task RestartWatchesAsync(string cluster) => AdminAsync(HttpMethod.Post, $"/sim/clusters/{cluster}/restart", null);

    /// <summary>Stops KubeSim and deletes the kubeconfigs.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(KubeconfigDirectory))
        {
            Directory.Delete(KubeconfigDirectory, recursive: true);
        }
    }

    private async Task AdminAsync(HttpMethod method, string path, object? body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(HttpUrl) };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
