using Dce.Insight.Infrastructure;
using Dce.Insight.Model;

namespace Dce.Insight.IntegrationEvents;

/// <summary>Tells whether an event about a cluster belongs to a join that is already removed, or older than the one followed.</summary>
internal static class ClusterIncarnationGuard
{
    public static async Task<bool> IsStaleAsync(InsightDbContext db, string cluster, long incarnation, KnownCluster? followed, CancellationToken cancellationToken)
    {
        if (followed is not null && incarnation < followed.Incarnation)
        {
            return true;
        }

        return await db.RemovedClusters.FindAsync([cluster], cancellationToken) is { } removed && incarnation <= removed.Incarnation;
    }
}
