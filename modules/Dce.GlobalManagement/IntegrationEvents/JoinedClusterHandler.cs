using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.GlobalManagement.IntegrationEvents;

/// <summary>Remembers the name of a cluster Container Management joined or announced again; its credentials are not kept.</summary>
public sealed class JoinedClusterHandler(GlobalManagementDbContext db, TimeProvider time) : IIntegrationEventHandler<ClusterIntegrated>
{
    public async Task HandleAsync(ClusterIntegrated integrationEvent, CancellationToken cancellationToken)
    {
        if (await db.JoinedClusters.FindAsync([integrationEvent.Cluster], cancellationToken) is not { } cluster)
        {
            cluster = new JoinedCluster { Name = integrationEvent.Cluster };
            db.JoinedClusters.Add(cluster);
        }

        cluster.AnnouncedAt = time.GetUtcNow();
    }
}
