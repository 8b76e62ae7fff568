using Dce.ContainerManagement.Model;
using Dce.Platform.Contracts.Clusters;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Stages <see cref="ClusterIntegrated"/> for a cluster, its kubeconfig sealed for the modules that hold the platform's cluster credential key.</summary>
public sealed class ClusterAnnouncer(IIntegrationEventOutbox outbox, KubeconfigVault vault, ClusterCredentialProtector sealer)
{
    public void Announce(Cluster cluster) =>
        outbox.Add(new ClusterIntegrated(cluster.Name, cluster.Provider, cluster.Region, sealer.Protect(vault.Unprotect(cluster.ProtectedKubeconfig)), cluster.Incarnation));
}
