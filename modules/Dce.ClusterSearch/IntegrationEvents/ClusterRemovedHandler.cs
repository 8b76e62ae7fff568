using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.ClusterSearch.IntegrationEvents;

/// <summary>
/// Records the removed join, then, unless a later join is already followed, stops the cluster's sync, forgets its
/// credentials and removes its objects from the index.
/// </summary>
internal sealed class ClusterRemovedHandler(ClusterSearchDbContext db, SyncSupervisor supervisor, TimeProvider time) : IIntegrationEventHandler<ClusterRemoved>
{
    public async Task HandleAsync(ClusterRemoved integrationEvent, CancellationToken cancellationToken)
    {
        var removed = await db.RemovedClusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (removed is null)
        {
            db.RemovedClusters.Add(new RemovedCluster { Name = integrationEvent.Cluster, Incarnation = integrationEvent.Incarnation, RemovedAt = time.GetUtcNow() });
        }
        else if (integrationEvent.Incarnation > removed.Incarnation)
        {
            removed.Incarnation = integrationEvent.Incarnation;
            removed.RemovedAt = time.GetUtcNow();
        }

        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (cluster is not null && cluster.Incarnation > integrationEvent.Incarnation)
        {
            return;
        }

        if (cluster is not null)
        {
            db.Clusters.Remove(cluster);
        }

        await supervisor.ForgetClusterAsync(integrationEvent.Cluster, cancellationToken);
    }
}
