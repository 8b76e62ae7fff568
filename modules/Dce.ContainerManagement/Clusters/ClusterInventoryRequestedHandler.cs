using Dce.ContainerManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Announces every cluster again when a module that follows clusters asks (it may have started after the first announcements).</summary>
public sealed class ClusterInventoryRequestedHandler(ContainerManagementDbContext db, ClusterAnnouncer announcer) : IIntegrationEventHandler<ClusterInventoryRequested>
{
    public async Task HandleAsync(ClusterInventoryRequested integrationEvent, CancellationToken cancellationToken)
    {
        foreach (var cluster in await db.Clusters.AsNoTracking().ToListAsync(cancellationToken))
        {
            announcer.Announce(cluster);
        }
    }
}
