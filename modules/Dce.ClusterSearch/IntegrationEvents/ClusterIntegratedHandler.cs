using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.ClusterSearch.IntegrationEvents;

/// <summary>
/// Remembers the cluster (credentials still sealed) and syncs it unless it is known to be unhealthy. An announcement of a
/// removed or older join, late or repeated, is ignored: it never brings a cluster or old credentials back.
/// </summary>
internal sealed partial class ClusterIntegratedHandler(ClusterSearchDbContext db, SyncSupervisor supervisor, TimeProvider time, ILogger<ClusterIntegratedHandler> logger)
    : IIntegrationEventHandler<ClusterIntegrated>
{
    public async Task HandleAsync(ClusterIntegrated integrationEvent, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FindAsync([integrationEvent.Cluster], cancellationToken);
        if (await ClusterIncarnationGuard.IsStaleAsync(db, integrationEvent.Cluster, integrationEvent.Incarnation, cluster, cancellationToken))
        {
            LogStale(logger, integrationEvent.Cluster, integrationEvent.Incarnation);
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
        if (cluster.Phase == ClusterPhases.Running)
        {
            await supervisor.StartClusterAsync(cluster.Name, cluster.ProtectedKubeconfig, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored an announcement of cluster {Cluster} incarnation {Incarnation}: that join is removed or older than the one followed")]
    private static partial void LogStale(ILogger logger, string cluster, long incarnation);
}
