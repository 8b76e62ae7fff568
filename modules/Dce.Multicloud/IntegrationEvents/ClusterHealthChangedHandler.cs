using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Model;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Multicloud.IntegrationEvents;

/// <summary>Keeps Container Management's phase of each offered cluster, shown when choosing members.</summary>
internal sealed class ClusterHealthChangedHandler(MulticloudDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterHealthChanged>
{
    public async Task HandleAsync(ClusterHealthChanged integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (cluster is null || cluster.Phase == KnownCluster.Removed || integrationEvent.Incarnation < cluster.Incarnation)
        {
            return;
        }

        cluster.Phase = integrationEvent.Phase;
        cluster.UpdatedAt = time.GetUtcNow();
    }
}
