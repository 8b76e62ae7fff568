using Dce.Testing.KubeSim;
using k8s;

namespace Dce.ContainerManagement.Kubernetes.Tests;

/// <summary>Two simulated clusters shared by the tests of <see cref="ClusterCollection"/>; each test takes its own namespace.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public SimulatedClusters Clusters { get; private set; } = null!;

    /// <summary>Workloads, manifests, config: cluster <c>c1</c>.</summary>
    public IKubernetes C1 { get; private set; } = null!;

    /// <summary>Node operations (cordon, drain) and reachability: cluster <c>c2</c>.</summary>
    public IKubernetes C2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync(["c1", "c2"]);
        C1 = Clusters.Client("c1");
        C2 = Clusters.Client("c2");
    }

    /// <summary>A fresh namespace on <paramref name="client"/>.</summary>
    public async Task<string> NamespaceAsync(IKubernetes client, string prefix = "t")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await NamespaceOperations.CreateAsync(client, name);
        return name;
    }

    public async Task DisposeAsync()
    {
        C1.Dispose();
        C2.Dispose();
        await Clusters.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "simulated clusters";
}
