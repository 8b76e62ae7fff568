using Dce.ClusterSearch.Infrastructure;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.ClusterSearch.Apis;

/// <summary>The objects the index refused, per cluster the caller may see whole: how many, and the latest few.</summary>
internal static class SetAsideSummary
{
    public const int ListedPerCluster = 20;

    public static async Task<IReadOnlyList<SetAsideCluster>> ForAsync(ClusterSearchDbContext db, ClusterScope scope, CancellationToken cancellationToken)
    {
        var counts = await db.SetAsideObjects.AsNoTracking().GroupBy(o => o.Cluster)
            .Select(g => new { Cluster = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var clusters = new List<SetAsideCluster>();
        foreach (var count in counts.Where(c => scope.CoversCluster(c.Cluster)).OrderBy(c => c.Cluster, StringComparer.Ordinal))
        {
            var latest = await db.SetAsideObjects.AsNoTracking().Where(o => o.Cluster == count.Cluster)
                .OrderByDescending(o => o.SetAsideAt).Take(ListedPerCluster)
                .Select(o => new SetAsideItem(o.Group, o.Resource, o.Namespace, o.Name, o.Uid, o.ResourceVersion, o.ErrorCode, o.Error, o.SetAsideAt))
                .ToListAsync(cancellationToken);
            clusters.Add(new SetAsideCluster(count.Cluster, count.Count, latest));
        }

        return clusters;
    }
}

/// <summary>One cluster's refused objects: their count and the latest <see cref="SetAsideSummary.ListedPerCluster"/>.</summary>
internal sealed record SetAsideCluster(string Cluster, long Count, IReadOnlyList<SetAsideItem> Objects);

internal sealed record SetAsideItem(string Group, string Resource, string Namespace, string Name, string Uid, string ResourceVersion,
    string ErrorCode, string Error, DateTimeOffset SetAsideAt);
