using Dce.GlobalManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.GlobalManagement.IntegrationEvents;

/// <summary>Forgets a cluster Container Management removed, so nothing more can be bound on it.</summary>
public sealed class RemovedClusterHandler(GlobalManagementDbContext db) : IIntegrationEventHandler<ClusterRemoved>
{
    public async Task HandleAsync(ClusterRemoved integrationEvent, CancellationToken cancellationToken)
    {
        if (await db.JoinedClusters.FindAsync([integrationEvent.Cluster], cancellationToken) is { } cluster)
        {
            db.JoinedClusters.Remove(cluster);
        }
    }
}
