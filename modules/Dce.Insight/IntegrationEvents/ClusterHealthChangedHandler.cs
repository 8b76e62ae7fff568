using Dce.EventBus;
using Dce.Insight.Infrastructure;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Insight.IntegrationEvents;

/// <summary>Follows the cluster's phase: only running clusters are scraped. A change reported for another join is ignored.</summary>
internal sealed class ClusterHealthChangedHandler(InsightDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterHealthChanged>
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
    }
}
