using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dce.ClusterSearch.Apis;

/// <summary>
/// Per cluster and type: the sync's state, objects held, last event, how far the index lags behind and how often the sync
/// failed; per cluster: the objects the index refused and set aside. Whichever replica answers, it shows every replica's
/// syncs (<see cref="SharedSyncStatus"/>), for the clusters still in the module's table.
/// </summary>
internal static class SyncStatusApi
{
    public static IEndpointRouteBuilder MapSyncStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiPaths.Group + "/syncstatus", ListAsync).WithTags("Sync").WithName("ListSyncStatus")
            .WithSummary("The sync state and lag of every cluster and resource type the caller may see");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] SharedSyncStatus status, [FromServices] ResourceIndexWriter writer,
        [FromServices] ClusterSearchDbContext db)
    {
        if (await CallerScope.ResolveAsync(context) is not { } scope)
        {
            return Problems.ScopeUnavailable(context);
        }

        var known = (await db.Clusters.AsNoTracking().Select(c => c.Name).ToListAsync(context.RequestAborted)).ToHashSet(StringComparer.Ordinal);
        var items = (await status.ReadAllAsync()).Where(s => known.Contains(s.Cluster) && scope.TouchesCluster(s.Cluster))
            .OrderBy(s => s.Cluster, StringComparer.Ordinal).ThenBy(s => s.Field, StringComparer.Ordinal)
            .Select(s => new SyncStatusItem(s.Cluster, s.Group, s.Version, s.Resource, s.State, s.Objects,
                s.ResourceVersion, s.LastListedAt, s.LastEventAt, s.LastWrittenAt, s.LagMilliseconds, s.Message, s.Failures, s.ErrorCategory))
            .ToList();
        var setAside = await SetAsideSummary.ForAsync(db, scope, context.RequestAborted);
        return TypedResults.Ok(new SyncStatusList(items, writer.Pending, setAside));
    }

    internal sealed record SyncStatusList(IReadOnlyList<SyncStatusItem> Items, int PendingWrites, IReadOnlyList<SetAsideCluster> SetAside);

    internal sealed record SyncStatusItem(string Cluster, string Group, string Version, string Resource, string State, long Objects,
        string? ResourceVersion, DateTimeOffset? LastListedAt, DateTimeOffset? LastEventAt, DateTimeOffset? LastWrittenAt, long LagMilliseconds, string? Message,
        long Failures, string? ErrorCategory);
}
