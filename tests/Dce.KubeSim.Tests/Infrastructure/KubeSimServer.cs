using Dce.KubeSim.Clusters;
using Dce.Testing.KubeSim;
using k8s;

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

    private SimulatedClusters? clusters;

    private SimulatedClusters Clusters => clusters ?? throw new InvalidOperationException("KubeSim has not started.");

    public string KubeconfigDirectory => Clusters.KubeconfigDirectory;
    public string BaseUrl => Clusters.HttpsUrl;
    public string HttpUrl => Clusters.HttpUrl;
    public ClusterRegistry Registry => Clusters.Registry;

    public string KubeconfigPath(string cluster = Cluster) => Clusters.KubeconfigPath(cluster);

    public SimulatedCluster Sim(string cluster = Cluster) => Registry.Find(cluster)!;

    public Dce.Testing.Kubectl Kubectl(string cluster = Cluster) => new(KubeconfigPath(cluster));

    public IKubernetes Client(string cluster = Cluster) => Clusters.Client(cluster);

    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(HttpUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public async Task InitializeAsync() => clusters = await SimulatedClusters.StartConfiguredAsync([Cluster, SecondCluster], new Dictionary<string, string?>
    {
        ["KubeSim:AdminToken"] = AdminToken,
        ["KubeSim:PodStartupDelay"] = "00:00:00.200",
        ["KubeSim:RestartBackoffBase"] = "00:00:01",
        ["KubeSim:ProbeTimeScale"] = "0.1",
        ["KubeSim:HorizontalPodAutoscalerSyncPeriod"] = "00:00:01",
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

    public async Task DisposeAsync()
    {
        if (clusters is not null)
        {
            await clusters.DisposeAsync();
        }
    }
}

/// <summary>All KubeSim tests share one server; they isolate themselves by namespace.</summary>
[CollectionDefinition(Name)]
public sealed class KubeSimCollection : ICollectionFixture<KubeSimServer>
{
    public const string Name = "KubeSim";
}
