using Dce.KubeSim.Clusters;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.KubeSim.Tests.Infrastructure;

/// <summary>
/// KubeSim running in-process on real loopback ports (HTTPS for kubectl, which sends tokens only over TLS),
/// with two small clusters and their kubeconfigs written to a temporary folder.
/// </summary>
public sealed class KubeSimServer : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";
    public const string Cluster = "alpha";
    public const string SecondCluster = "beta";

    private WebApplication? app;

    public string KubeconfigDirectory { get; } = Path.Combine(Path.GetTempPath(), "kubesim-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public string BaseUrl { get; private set; } = "";
    public string HttpUrl { get; private set; } = "";
    public ClusterRegistry Registry => app!.Services.GetRequiredService<ClusterRegistry>();

    public string KubeconfigPath(string cluster = Cluster) => Path.Combine(KubeconfigDirectory, cluster + ".kubeconfig");

    public SimulatedCluster Sim(string cluster = Cluster) => Registry.Find(cluster)!;

    public Kubectl Kubectl(string cluster = Cluster) => new(KubeconfigPath(cluster));

    public IKubernetes Client(string cluster = Cluster) =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(cluster)));

    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(HttpUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("https://127.0.0.1:0", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KubeSim:KubeconfigDirectory"] = KubeconfigDirectory,
            ["KubeSim:AdminToken"] = AdminToken,
            ["KubeSim:PodStartupDelay"] = "00:00:00.200",
            ["KubeSim:Clusters:0:Name"] = Cluster,
            ["KubeSim:Clusters:0:Provider"] = "aws",
            ["KubeSim:Clusters:0:Region"] = "us-east-1",
            ["KubeSim:Clusters:0:Zones:0"] = "us-east-1a",
            ["KubeSim:Clusters:0:Zones:1"] = "us-east-1b",
            ["KubeSim:Clusters:0:NodePools:0:Name"] = "control-plane",
            ["KubeSim:Clusters:0:NodePools:0:Count"] = "1",
            ["KubeSim:Clusters:0:NodePools:0:ControlPlane"] = "true",
            ["KubeSim:Clusters:0:NodePools:1:Name"] = "general",
            ["KubeSim:Clusters:0:NodePools:1:Count"] = "3",
            ["KubeSim:Clusters:0:NodePools:1:Cpu"] = "16",
            ["KubeSim:Clusters:0:NodePools:1:Memory"] = "64Gi",
            ["KubeSim:Clusters:0:NodePools:2:Name"] = "arm",
            ["KubeSim:Clusters:0:NodePools:2:Count"] = "1",
            ["KubeSim:Clusters:0:NodePools:2:Architecture"] = "arm64",
            ["KubeSim:Clusters:1:Name"] = SecondCluster,
            ["KubeSim:Clusters:1:Provider"] = "edge",
            ["KubeSim:Clusters:1:Region"] = "factory-1",
            ["KubeSim:Clusters:1:NodePools:0:Name"] = "edge",
            ["KubeSim:Clusters:1:NodePools:0:Count"] = "2",
            ["KubeSim:Clusters:1:NodePools:0:Architecture"] = "arm64",
        });
        builder.AddKubeSim();
        app = builder.Build();
        app.MapKubeSim();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("https", StringComparison.Ordinal));
        HttpUrl = addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal));
        await Eventually.Until(() => File.Exists(KubeconfigPath(Cluster)) && File.Exists(KubeconfigPath(SecondCluster)), "kubeconfigs written");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (Directory.Exists(KubeconfigDirectory))
        {
            Directory.Delete(KubeconfigDirectory, recursive: true);
        }
    }
}

/// <summary>All KubeSim tests share one server; they isolate themselves by namespace.</summary>
[CollectionDefinition(Name)]
public sealed class KubeSimCollection : ICollectionFixture<KubeSimServer>
{
    public const string Name = "KubeSim";
}
