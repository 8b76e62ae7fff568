using Dce.Coordination;
using Dce.Insight.Infrastructure;
using Dce.Insight.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Metrics;

/// <summary>
/// Every scrape interval, scrapes the running clusters this replica owns in the <see cref="ReplicaRing"/>, read afresh
/// from the database, so replicas share the clusters without sharing memory and a cluster moves when a replica leaves.
/// </summary>
public sealed partial class ScrapeLoop(IServiceScopeFactory scopes, ReplicaRing ring, ClusterScraper scraper, IOptions<InsightOptions> options,
    TimeProvider time, ILogger<ScrapeLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScrapeInterval, time);
        do
        {
            try
            {
                var clusters = await RunningClustersAsync(stoppingToken);
                await Parallel.ForEachAsync(clusters.Where(cluster => ring.Owns(cluster.Name)), stoppingToken, async (cluster, ct) =>
                {
                    try
                    {
                        await scraper.ScrapeAsync(cluster, ct);
                    }
                    catch (Exception error) when (!ct.IsCancellationRequested)
                    {
                        LogScrapeFailed(logger, cluster.Name, error.Message);
                    }
                });
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<List<KnownCluster>> RunningClustersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightDbContext>();
        return await db.Clusters.AsNoTracking().Where(cluster => cluster.Phase == ClusterPhases.Running).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster} could not be scraped: {Reason}")]
    private static partial void LogScrapeFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scrape round failed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
