using Dce.KubeSim.Clusters;
using Dce.Testing.KubeSim;
using k8s;

namespace Dce.KubeSim.Benchmarks;

/// <summary>KubeSim in-process on loopback with one benchmark cluster of 20 nodes and no system workloads.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public const string Cluster = "bench";
    private readonly SimulatedClusters clusters;

    private BenchmarkHost(SimulatedClusters clusters) => this.clusters = clusters;

    public string HttpUrl => clusters.HttpUrl;
    public SimulatedCluster Sim => clusters.State(Cluster);

    public IKubernetes Client() => clusters.Client(Cluster);

    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = new Uri(HttpUrl + "/clusters/" + Cluster + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sim.Token);
        return http;
    }

    /// <summary>When set (<c>--state</c>), KubeSim keeps its state in this folder, so the figures include the write path to disk.</summary>
    public static string? StateDirectory { get; set; }

    public static async Task<BenchmarkHost> StartAsync(TimeSpan podStartupDelay) => new(await SimulatedClusters.StartConfiguredAsync([Cluster], new Dictionary<string, string?>
    {
        ["KubeSim:StateDirectory"] = StateDirectory is null ? null : Path.Combine(StateDirectory, Guid.NewGuid().ToString("N")),
        ["KubeSim:PodStartupDelay"] = podStartupDelay.ToString(),
        ["KubeSim:Clusters:0:Name"] = Cluster,
        ["KubeSim:Clusters:0:SystemWorkloads"] = "false",
        ["KubeSim:Clusters:0:NodePools:0:Name"] = "worker",
        ["KubeSim:Clusters:0:NodePools:0:Count"] = "20",
        ["KubeSim:Clusters:0:NodePools:0:Cpu"] = "64",
        ["KubeSim:Clusters:0:NodePools:0:Memory"] = "256Gi",
        ["KubeSim:Clusters:0:NodePools:0:MaxPods"] = "250",
    }, environment: null));

    public ValueTask DisposeAsync() => clusters.DisposeAsync();
}
