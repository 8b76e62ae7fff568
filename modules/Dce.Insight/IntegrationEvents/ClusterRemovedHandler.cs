using Dce.EventBus;
using Dce.Insight.Infrastructure;
using Dce.Insight.Model;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Insight.IntegrationEvents;

/// <summary>Records the removed join and, unless a later join is already followed, stops scraping the cluster and forgets its credentials.</summary>
internal sealed class ClusterRemovedHandler(InsightDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterRemoved>
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

        if (await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken) is { } cluster && cluster.Incarnation <= integrationEvent.Incarnation)
        {
            db.Clusters.Remove(cluster);
        }
    }
}
