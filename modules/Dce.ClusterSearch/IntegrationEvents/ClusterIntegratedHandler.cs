using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.ServiceDefaults.EventBus;
using Dce.ServiceDefaults.EventBus.Contracts;

namespace Dce.ClusterSearch.IntegrationEvents;

/// <summary>Remembers the cluster (credentials still sealed) and syncs it unless it is known to be unhealthy.</summary>
internal sealed class ClusterIntegratedHandler(ClusterSearchDbContext db, SyncSupervisor supervisor, TimeProvider time)
    : IIntegrationEventHandler<ClusterIntegrated>
{
    public async Task HandleAsync(ClusterIntegrated integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (cluster is null)
        {
            cluster = new KnownCluster { Name = integrationEvent.Cluster, ProtectedKubeconfig = integrationEvent.ProtectedKubeconfig };
            db.Clusters.Add(cluster);
        }

        cluster.Provider = integrationEvent.Provider;
        cluster.Region = integrationEvent.Region;
        cluster.ProtectedKubeconfig = integrationEvent.ProtectedKubeconfig;
        cluster.UpdatedAt = time.GetUtcNow();
        if (cluster.Phase == ClusterPhases.Running)
        {
            await supervisor.StartClusterAsync(cluster.Name, cluster.ProtectedKubeconfig, cancellationToken);
        }
    }
}
