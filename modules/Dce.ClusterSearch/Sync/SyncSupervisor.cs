using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Platform.Contracts.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Starts a cluster's sync when it is integrated or turns Running, stops it when it turns unhealthy, and forgets its
/// objects when it is removed. On start it resumes every known running cluster from the module's own table.
/// </summary>
internal sealed partial class SyncSupervisor(
    IServiceScopeFactory scopes,
    ResourceIndexWriter writer,
    SyncStatusRegistry status,
    IOptions<ClusterSearchOptions> options,
    IConfiguration configuration,
    KubeconfigLoader loader,
    TimeProvider time,
    ILogger<SyncSupervisor> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ClusterSync> _running = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Running
    {
        get
        {
            lock (_running)
            {
                return [.. _running.Keys];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>();
        var clusters = await db.Clusters.AsNoTracking().Where(c => c.Phase == ClusterPhases.Running).ToListAsync(cancellationToken);
        foreach (var cluster in clusters)
        {
            await StartClusterAsync(cluster.Name, cluster.ProtectedKubeconfig, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var cluster in Running)
        {
            await StopClusterAsync(cluster, cancellationToken);
        }
    }

    /// <summary>Syncs <paramref name="cluster"/>, from a fresh list; a sync already running with the same credentials is kept.</summary>
    public async Task StartClusterAsync(string cluster, string protectedKubeconfig, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running.TryGetValue(cluster, out var existing))
            {
                if (existing.ProtectedKubeconfig == protectedKubeconfig)
                {
                    return;
                }

                await RemoveAsync(existing);
            }

            var kubeconfig = ClusterCredentialProtector.FromConfiguration(configuration).Unprotect(protectedKubeconfig);
            ClusterConnection connection;
            try
            {
                connection = ClusterConnection.FromKubeconfig(kubeconfig, loader);
            }
            catch (InvalidOperationException refused)
            {
                LogRefused(logger, cluster, refused.Message);
                return;
            }

            var sync = new ClusterSync(cluster, protectedKubeconfig, connection, options.Value.EffectiveResources, writer, status, options.Value, time, logger);
            lock (_running)
            {
                _running[cluster] = sync;
            }

            LogStarted(logger, cluster, options.Value.EffectiveResources.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops syncing <paramref name="cluster"/>, keeping its objects searchable as last seen.</summary>
    public async Task StopClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running.TryGetValue(cluster, out var sync))
            {
                await RemoveAsync(sync);
                foreach (var entry in status.All.Where(s => s.Cluster == cluster))
                {
                    entry.State = SyncState.Stopped;
                }

                LogStopped(logger, cluster);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops syncing <paramref name="cluster"/> and removes its objects from the index.</summary>
    public async Task ForgetClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        await StopClusterAsync(cluster, cancellationToken);
        status.Remove(cluster);
        await writer.EnqueueAsync(new ForgetCluster(cluster, time.GetUtcNow()), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
    }

    private async Task RemoveAsync(ClusterSync sync)
    {
        lock (_running)
        {
            _running.Remove(sync.Cluster);
        }

        await sync.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Syncing cluster {Cluster} ({Types} resource types)")]
    private static partial void LogStarted(ILogger logger, string cluster, int types);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster} is not synced: {Reason}")]
    private static partial void LogRefused(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped syncing cluster {Cluster}")]
    private static partial void LogStopped(ILogger logger, string cluster);
}
