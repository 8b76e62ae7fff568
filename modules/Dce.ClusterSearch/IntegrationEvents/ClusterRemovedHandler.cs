using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Sync;
using Dce.ServiceDefaults.EventBus;
using Dce.ServiceDefaults.EventBus.Contracts;

namespace Dce.ClusterSearch.IntegrationEvents;

/// <summary>Stops the cluster's sync, forgets its credentials and removes its objects from the index.</summary>
internal sealed class ClusterRemovedHandler(ClusterSearchDbContext db, SyncSupervisor supervisor) : IIntegrationEventHandler<ClusterRemoved>
{
    public async Task HandleAsync(ClusterRemoved integrationEvent, CancellationToken cancellationToken)
    {
        if (await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken) is { } cluster)
        {
            db.Clusters.Remove(cluster);
        }

        await supervisor.ForgetClusterAsync(integrationEvent.Cluster, cancellationToken);
    }
}
