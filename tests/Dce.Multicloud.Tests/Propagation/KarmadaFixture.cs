using Dce.Kubernetes.Resources;
using System.Text;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Outbound;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.Propagation.Api;
using Dce.Testing;
using Dce.Testing.KubeSim;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>
/// A Karmada control plane (<c>karmada-host</c>, API server only) with three members (member-3 the smallest) joined as
/// Cluster objects with their kubeconfig Secrets, and one propagation engine running against it.
/// </summary>
public sealed class KarmadaFixture : IAsyncLifetime
{
    public const string ControlPlane = "karmada-host";
    public static readonly string[] Members = ["member-1", "member-2", "member-3"];

    private CancellationTokenSource stop = new();
    private Task engine = Task.CompletedTask;

    public SimulatedClusters Clusters { get; private set; } = null!;

    /// <summary>The engines' logs, in <c>DCE_PROPAGATION_LOG</c> when set (to read after a failure).</summary>
    public ILoggerProvider Logs { get; } = Environment.GetEnvironmentVariable("DCE_PROPAGATION_LOG") is { Length: > 0 } path ? new FileLogs(path) : NullLoggerProvider.Instance;

    public KubeconfigLoader Loader { get; } = new(new OutboundPolicy(Options.Create(new OutboundOptions { AllowNetworks = ["127.0.0.1/32"] })));

    public KubeApi Api { get; private set; } = null!;

    public Kubectl Kubectl => new(Clusters.KubeconfigPath(ControlPlane));

    public static PropagationOptions EngineOptions(string replica) => new()
    {
        ReplicaId = replica,
        ResyncInterval = TimeSpan.FromSeconds(5),
        ClusterStatusInterval = TimeSpan.FromSeconds(1),
        DefaultTolerationSeconds = TimeSpan.FromSeconds(3),
    };

    public async Task InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync([ControlPlane, .. Members], workerNodes: 3, settings: new Dictionary<string, string?>
        {
            ["KubeSim:Clusters:0:ApiServerOnly"] = "true",
            ["KubeSim:Clusters:3:NodePools:1:Count"] = "1",
        });
        Api = KubeApi.FromKubeconfig(Clusters.Kubeconfig(ControlPlane), Loader);
        engine = StartEngine("replica-a", stop.Token);
        await Eventually.Until(async () => await TryJoinAsync(), "the control plane serving Karmada's CRDs");
        await Eventually.Until(async () =>
        {
            var (clusters, _) = await Api.ListAsync(Kinds.Cluster, null, null, CancellationToken.None);
            return clusters.Count == Members.Length && clusters.All(cluster => Conditions.IsTrue(cluster["status"] as JsonObject, "Ready") && cluster["status"]?["resourceSummary"] is not null);
        }, "every member Ready with a resource summary");
    }

    /// <summary>Stops the engine every test relies on (replica-a), for a test of the lease's handover.</summary>
    public async Task StopMainEngineAsync()
    {
        await stop.CancelAsync();
        await engine;
    }

    public void RestartMainEngine()
    {
        stop.Dispose();
        stop = new CancellationTokenSource();
        engine = StartEngine("replica-a", stop.Token);
    }

    public Task StartEngine(string replica, CancellationToken cancellationToken) =>
        Task.Run(() => PropagationEngine.RunAsync(ControlPlane, Clusters.Kubeconfig(ControlPlane), Loader, EngineOptions(replica), TimeProvider.System, Logs.CreateLogger(replica), cancellationToken), CancellationToken.None);

    private async Task<bool> TryJoinAsync()
    {
        try
        {
            await Api.EnsureNamespaceAsync("karmada-cluster", CancellationToken.None);
            for (var i = 0; i < Members.Length; i++)
            {
                var name = Members[i];
                await CreateOrKeepAsync(Kinds.Secret, "karmada-cluster", new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "karmada-cluster" },
                    ["data"] = new JsonObject { ["kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Clusters.Kubeconfig(name))) },
                });
                await CreateOrKeepAsync(Kinds.Cluster, null, new JsonObject
                {
                    ["apiVersion"] = "cluster.karmada.io/v1alpha1",
                    ["kind"] = "Cluster",
                    ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["tier"] = i == 0 ? "gold" : "silver" } },
                    ["spec"] = new JsonObject
                    {
                        ["syncMode"] = "Push",
                        ["provider"] = i % 2 == 0 ? "azure" : "aws",
                        ["region"] = $"region-{i + 1}",
                        ["zones"] = new JsonArray($"region-{i + 1}a"),
                    },
                });
            }

            return true;
        }
        catch (KubeApiException)
        {
            return false;
        }
    }

    private async Task CreateOrKeepAsync(ResourceKind kind, string? ns, JsonObject body)
    {
        try
        {
            await Api.CreateAsync(kind, ns, body, CancellationToken.None);
        }
        catch (KubeApiException error) when (error.IsAlreadyExists)
        {
        }
    }

    /// <summary>A fresh namespace in the control plane for one test.</summary>
    public async Task<string> NamespaceAsync()
    {
        var ns = "t-" + Guid.NewGuid().ToString("N")[..8];
        await Api.EnsureNamespaceAsync(ns, CancellationToken.None);
        return ns;
    }

    public IKubernetes Member(string name) => Clusters.Client(name);

    /// <summary>Whether the engine sees the member Ready, as the scheduler does.</summary>
    public async Task<bool> ReadyAsync(string member) =>
        Conditions.IsTrue((await Api.GetAsync(Kinds.Cluster, null, member, CancellationToken.None))?["status"] as JsonObject, "Ready");

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await engine;
        Api.Dispose();
        await Clusters.DisposeAsync();
        stop.Dispose();
        Logs.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class KarmadaCollection : ICollectionFixture<KarmadaFixture>
{
    public const string Name = "karmada";
}
