using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Model;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Multicloud.IntegrationEvents;

/// <summary>Forgets the credentials of a removed join for good, keeping its incarnation so a late announcement of it stays ignored.</summary>
internal sealed class ClusterRemovedHandler(MulticloudDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterRemoved>
{
    public async Task HandleAsync(ClusterRemoved integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (cluster is null)
        {
            db.Clusters.Add(new KnownCluster
            {
                Name = integrationEvent.Cluster,
                Incarnation = integrationEvent.Incarnation,
                ProtectedKubeconfig = "",
                Phase = KnownCluster.Removed,
                UpdatedAt = time.GetUtcNow(),
            });
            return;
        }

        if (integrationEvent.Incarnation < cluster.Incarnation)
        {
            return;
        }

        cluster.Incarnation = integrationEvent.Incarnation;
        cluster.ProtectedKubeconfig = "";
        cluster.Phase = KnownCluster.Removed;
        cluster.UpdatedAt = time.GetUtcNow();
    }
}
