using Dce.EventBus;
using Dce.Insight.Infrastructure;
using Dce.Insight.Model;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Insight.IntegrationEvents;

/// <summary>Remembers the cluster (credentials still sealed) to scrape it; a removed or older join, late or repeated, is ignored.</summary>
internal sealed class ClusterIntegratedHandler(InsightDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterIntegrated>
{
    public async Task HandleAsync(ClusterIntegrated integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (await ClusterIncarnationGuard.IsStaleAsync(db, integrationEvent.Cluster, integrationEvent.Incarnation, cluster, cancellationToken))
        {
            return;
        }

        if (cluster is null)
        {
            cluster = new KnownCluster { Name = integrationEvent.Cluster, ProtectedKubeconfig = integrationEvent.ProtectedKubeconfig };
            db.Clusters.Add(cluster);
        }

        cluster.Incarnation = integrationEvent.Incarnation;
        cluster.Provider = integrationEvent.Provider;
        cluster.Region = integrationEvent.Region;
        cluster.ProtectedKubeconfig = integrationEvent.ProtectedKubeconfig;
        cluster.UpdatedAt = time.GetUtcNow();
    }
}
