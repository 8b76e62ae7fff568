using Dce.ClusterSearch.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Clusters that still have index rows (or set-aside objects) but no longer a row in <c>known_clusters</c>: their removal
/// reached no live sync (the replica syncing them was down), so nothing else would ever delete those rows. One statement,
/// one snapshot: a cluster is never seen indexed yet absent while it is being added.
/// </summary>
internal static class AbandonedClusters
{
    // The recursive walk skips along ix_resources_cluster, one probe per cluster instead of a scan of the whole index.
    private const string Query = """
        WITH RECURSIVE indexed(cluster) AS (
            (SELECT cluster FROM resources ORDER BY cluster LIMIT 1)
            UNION ALL
            SELECT (SELECT r.cluster FROM resources r WHERE r.cluster > i.cluster ORDER BY r.cluster LIMIT 1)
            FROM indexed i WHERE i.cluster IS NOT NULL)
        SELECT i.cluster AS "Value" FROM indexed i
        WHERE i.cluster IS NOT NULL AND NOT EXISTS (SELECT 1 FROM known_clusters k WHERE k."Name" = i.cluster)
        UNION
        SELECT DISTINCT s.cluster FROM set_aside_objects s
        WHERE NOT EXISTS (SELECT 1 FROM known_clusters k WHERE k."Name" = s.cluster)
        """;

    public static Task<List<string>> ListAsync(ClusterSearchDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<string>(Query).ToListAsync(cancellationToken);
}
