using Dce.KubeSim.Clusters;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.KubeSim.Benchmarks;

/// <summary>KubeSim in-process on loopback with one benchmark cluster of 20 nodes and no system workloads.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public const string Cluster = "bench";
    private readonly WebApplication app;
    private readonly string kubeconfigs;

    private BenchmarkHost(WebApplication app, string kubeconfigs)
    {
        this.app = app;
        this.kubeconfigs = kubeconfigs;
    }

    public string HttpUrl { get; private set; } = "";
    public SimulatedCluster Sim => app.Services.GetRequiredService<ClusterRegistry>().Find(Cluster)!;

    public IKubernetes Client() => new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(kubeconfigs, Cluster + ".kubeconfig")));

    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = new Uri(HttpUrl + "/clusters/" + Cluster + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sim.Token);
        return http;
    }

    public static async Task<BenchmarkHost> StartAsync(TimeSpan podStartupDelay)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("https://127.0.0.1:0", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var kubeconfigs = Path.Combine(Path.GetTempPath(), "kubesim-bench-" + Guid.NewGuid().ToString("N")[..8]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KubeSim:KubeconfigDirectory"] = kubeconfigs,
            ["KubeSim:PodStartupDelay"] = podStartupDelay.ToString(),
            ["KubeSim:Clusters:0:Name"] = Cluster,
            ["KubeSim:Clusters:0:SystemWorkloads"] = "false",
            ["KubeSim:Clusters:0:NodePools:0:Name"] = "worker",
            ["KubeSim:Clusters:0:NodePools:0:Count"] = "20",
            ["KubeSim:Clusters:0:NodePools:0:Cpu"] = "64",
            ["KubeSim:Clusters:0:NodePools:0:Memory"] = "256Gi",
            ["KubeSim:Clusters:0:NodePools:0:MaxPods"] = "250",
        });
        builder.AddKubeSim();
        var app = builder.Build();
        app.MapKubeSim();
        await app.StartAsync();
        var started = new BenchmarkHost(app, kubeconfigs)
        {
            HttpUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal)),
        };
        while (!File.Exists(Path.Combine(kubeconfigs, Cluster + ".kubeconfig")))
        {
            await Task.Delay(50);
        }
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(kubeconfigs))
        {
            Directory.Delete(kubeconfigs, recursive: true);
        }
    }
}
