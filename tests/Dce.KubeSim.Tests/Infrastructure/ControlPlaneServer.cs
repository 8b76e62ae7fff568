using Dce.Testing.KubeSim;

namespace Dce.KubeSim.Tests.Infrastructure;

/// <summary>
/// KubeSim serving a member cluster with nodes and an API-server-only cluster configured as a Karmada control plane
/// would be (<c>KubeSim:Clusters:1:ApiServerOnly</c>), both with the same node pools configured.
/// </summary>
public sealed class ControlPlaneServer : IAsyncLifetime
{
    public const string Member = "member";
    public const string ControlPlane = "control-plane";

    private SimulatedClusters? clusters;

    private SimulatedClusters Clusters => clusters ?? throw new InvalidOperationException("KubeSim has not started.");

    public Dce.Testing.Kubectl Kubectl(string cluster) => new(Clusters.KubeconfigPath(cluster));

    public async Task InitializeAsync() => clusters = await SimulatedClusters.StartAsync([Member, ControlPlane], workerNodes: 2,
        settings: new Dictionary<string, string?> { ["KubeSim:Clusters:1:ApiServerOnly"] = "true" });

    public async Task DisposeAsync()
    {
        if (clusters is not null)
        {
            await clusters.DisposeAsync();
        }
    }
}

/// <summary>The tests of API-server-only clusters share one server; they isolate themselves by namespace.</summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneServer>
{
    public const string Name = "ControlPlane";
}
