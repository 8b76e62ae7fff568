using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.ClusterSearch.IntegrationEvents;

/// <summary>
/// Stops syncing a cluster that is not Running (its objects stay searchable as last seen); relists it when it runs again.
/// A change reported for another join than the one followed is ignored.
/// </summary>
internal sealed class ClusterHealthChangedHandler(ClusterSearchDbContext db, SyncSupervisor supervisor, TimeProvider time)
    : IIntegrationEventHandler<ClusterHealthChanged>
{
    public async Task HandleAsync(ClusterHealthChanged integrationEvent, CancellationToken cancellationToken)
    {
        if (await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken) is not { } cluster
            || (integrationEvent.Incarnation != 0 && integrationEvent.Incarnation != cluster.Incarnation))
        {
            return;
        }

        cluster.Phase = integrationEvent.Phase;
        cluster.UpdatedAt = time.GetUtcNow();
        if (integrationEvent.Phase == ClusterPhases.Running)
        {
            await supervisor.StartClusterAsync(cluster.Name, cluster.ProtectedKubeconfig, cancellationToken);
        }
        else
        {
            await supervisor.StopClusterAsync(cluster.Name, cancellationToken);
        }
    }
}
