using Dce.Coordination;
using Dce.Insight.Infrastructure;
using Dce.Insight.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// Runs a <see cref="ClusterLogCollector"/> for each running cluster this replica owns in the <see cref="ReplicaRing"/>,
/// as the scrape loop splits clusters, and stops it when the cluster leaves or moves to another replica.
/// </summary>
public sealed partial class LogCollectionLoop(IServiceScopeFactory scopes, ReplicaRing ring, ClusterClients clients, LogWriter writer, EventWriter events,
    NpgsqlDataSource database, IOptions<LogsOptions> options, ILogger<LogCollectionLoop> logger) : BackgroundService
{
    private readonly Dictionary<string, (string Kubeconfig, Task Task, CancellationTokenSource Stop)> collectors = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PodResyncInterval);
        try
        {
            do
            {
                try
                {
                    await RebalanceAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(logger, error.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            foreach (var name in collectors.Keys.ToList())
            {
                await StopAsync(name);
            }
        }
    }

    private async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        List<KnownCluster> clusters;
        await using (var scope = scopes.CreateAsyncScope())
        {
            clusters = await scope.ServiceProvider.GetRequiredService<InsightDbContext>().Clusters.AsNoTracking()
                .Where(cluster => cluster.Phase == ClusterPhases.Running).ToListAsync(cancellationToken);
        }

        var owned = clusters.Where(cluster => ring.Owns(cluster.Name)).ToDictionary(cluster => cluster.Name, StringComparer.Ordinal);
        foreach (var (name, collector) in collectors.ToList())
        {
            if (!owned.TryGetValue(name, out var cluster) || cluster.ProtectedKubeconfig != collector.Kubeconfig || collector.Task.IsCompleted)
            {
                await StopAsync(name);
            }
        }

        foreach (var cluster in owned.Values.Where(cluster => !collectors.ContainsKey(cluster.Name)))
        {
            k8s.Kubernetes client;
            try
            {
                client = clients.Of(cluster);
            }
            catch (Exception refused) when (refused is InvalidOperationException or System.Security.Cryptography.CryptographicException or FormatException)
            {
                LogClusterRefused(logger, cluster.Name, refused.Message);
                continue;
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var collector = new ClusterLogCollector(cluster.Name, client, writer, events, database, options.Value, logger);
            collectors[cluster.Name] = (cluster.ProtectedKubeconfig, collector.RunAsync(stop.Token), stop);
        }
    }

    private async Task StopAsync(string name)
    {
        var (_, task, stop) = collectors[name];
        collectors.Remove(name);
        await stop.CancelAsync();
        await task.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The logs and events of cluster {Cluster} are not collected: {Reason}")]
    private static partial void LogClusterRefused(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A log collection round failed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
