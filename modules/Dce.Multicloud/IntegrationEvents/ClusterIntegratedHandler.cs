using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Model;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Multicloud.IntegrationEvents;

/// <summary>
/// Remembers a cluster Container Management joined (credentials still sealed) as one an instance may take. An
/// announcement of a removed or older join is ignored: it never brings a cluster or old credentials back.
/// </summary>
internal sealed class ClusterIntegratedHandler(MulticloudDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterIntegrated>
{
    public async Task HandleAsync(ClusterIntegrated integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (cluster is not null && (integrationEvent.Incarnation < cluster.Incarnation
            || (cluster.Phase == KnownCluster.Removed && integrationEvent.Incarnation <= cluster.Incarnation)))
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
        if (cluster.Phase == KnownCluster.Removed)
        {
            cluster.Phase = "Running";
        }

        cluster.UpdatedAt = time.GetUtcNow();
    }
}
