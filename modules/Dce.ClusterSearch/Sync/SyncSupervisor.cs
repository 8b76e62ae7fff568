using Dce.ClusterSearch.Infrastructure;
using Dce.Coordination;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Platform.Contracts.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Syncs the running clusters this replica owns in the <see cref="ReplicaRing"/>: starts a cluster's sync when it is
/// integrated or turns Running, stops it when it turns unhealthy or moves to another replica, and forgets its objects when
/// it is removed. Cluster events reach one replica only, so every replica also reconciles from the module's own table (the
/// source of truth) every <see cref="ReconcileInterval"/> and whenever the ring changes.
/// </summary>
internal sealed partial class SyncSupervisor(
    IServiceScopeFactory scopes,
    ReplicaRing ring,
    ResourceIndexWriter writer,
    SyncStatusRegistry status,
    SharedSyncStatus sharedStatus,
    IOptions<ClusterSearchOptions> options,
    IConfiguration configuration,
    KubeconfigLoader loader,
    TimeProvider time,
    ILogger<SyncSupervisor> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RediscoveryTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, ClusterSync> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ringChanged = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lifecycle = new();
    private Task? _reconciling;
    private Task? _stopped;

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
        ring.Changed += OnRingChanged;
        await ReconcileAsync(cancellationToken);
        _reconciling = Task.Run(() => ReconcilePeriodicallyAsync(_stopping.Token), CancellationToken.None);
    }

    // A host may stop and dispose this concurrently (a test host stops it from two threads): it stops once.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lifecycle)
        {
            return _stopped ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        ring.Changed -= OnRingChanged;
        await _stopping.CancelAsync();

        if (_reconciling is { } reconciling)
        {
            await reconciling;
        }

        // Stopping this replica hands its clusters to the others, who publish their status from then on.
        foreach (var cluster in Running)
        {
            await StopClusterAsync(cluster, cancellationToken, handedOver: true);
        }
    }

    /// <summary>
    /// Brings this replica's syncs in line with the table and the ring: the running clusters it owns are synced, the others
    /// stopped, and a sync whose cluster left the table is forgotten here too (the removal may have reached another replica).
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        // Read before the table: a cluster added meanwhile is then in the table, never taken for a removed one.
        var published = await PublishedClustersAsync();
        List<(string Name, string Phase, string ProtectedKubeconfig)> clusters;
        List<string> abandoned;
        Dictionary<string, ClusterSyncSettings> settings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>();
            settings = await db.SyncSettings.AsNoTracking().ToDictionaryAsync(s => s.Cluster, StringComparer.Ordinal, cancellationToken);
            clusters = [.. (await db.Clusters.AsNoTracking().Select(c => new { c.Name, c.Phase, c.ProtectedKubeconfig }).ToListAsync(cancellationToken))
                .Select(c => (c.Name, c.Phase, c.ProtectedKubeconfig))];
            abandoned = await AbandonedClusters.ListAsync(db, cancellationToken);
        }

        var known = clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var cluster in Running)
        {
            await ReconcileClusterAsync(cluster, () => ReconcileRunningAsync(cluster, known.GetValueOrDefault(cluster).Phase, cancellationToken));
        }

        // A stopped sync's status stays shown by its owner only; another replica's older word must not overwrite it.
        foreach (var cluster in status.All.Select(s => s.Cluster).Distinct().Where(c => !ring.Owns(c)).Except(Running))
        {
            status.Remove(cluster);
        }

        // Rows and status of a cluster removed while no replica synced it are left to nobody else: its owner forgets them.
        var forgotten = abandoned.Concat(published).Concat(status.All.Select(s => s.Cluster))
            .Where(c => !known.ContainsKey(c) && ring.Owns(c)).Distinct(StringComparer.Ordinal).Except(Running).ToList();
        foreach (var cluster in forgotten)
        {
            await ReconcileClusterAsync(cluster, () => ForgetClusterAsync(cluster, cancellationToken));
        }

        foreach (var cluster in clusters.Where(c => c.Phase == ClusterPhases.Running && ring.Owns(c.Name)))
        {
            await ReconcileClusterAsync(cluster.Name, () => StartClusterAsync(cluster.Name, cluster.ProtectedKubeconfig, settings.GetValueOrDefault(cluster.Name), cancellationToken));
        }
    }

    /// <summary>A running sync whose cluster left the table is forgotten, one handed to another replica or not running stopped.</summary>
    private Task ReconcileRunningAsync(string cluster, string? phase, CancellationToken cancellationToken)
    {
        if (phase is null)
        {
            return ForgetClusterAsync(cluster, cancellationToken);
        }

        if (!ring.Owns(cluster))
        {
            return StopClusterAsync(cluster, cancellationToken, handedOver: true);
        }

        return phase == ClusterPhases.Running ? Task.CompletedTask : StopClusterAsync(cluster, cancellationToken);
    }

    /// <summary>One cluster's failure is its own: the pass goes on with the others.</summary>
    private async Task ReconcileClusterAsync(string cluster, Func<Task> reconcile)
    {
        try
        {
            await reconcile();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogClusterReconcileFailed(logger, cluster, failure.GetType().Name);
        }
    }

    private async Task<IReadOnlyCollection<string>> PublishedClustersAsync()
    {
        try
        {
            return await sharedStatus.ClustersAsync();
        }
        catch (Exception failure) when (failure is StackExchange.Redis.RedisException or TimeoutException)
        {
            return [];
        }
    }

    private async Task ReconcilePeriodicallyAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _ringChanged.WaitAsync(ReconcileInterval, stoppingToken);
                await ReconcileAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogReconcileFailed(logger, failure);
            }
        }
    }

    private void OnRingChanged()
    {
        try
        {
            _ringChanged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reconcile is already due.
        }
    }

    /// <inheritdoc cref="StartClusterAsync(string, string, ClusterSyncSettings?, CancellationToken)"/>
    public async Task StartClusterAsync(string cluster, string protectedKubeconfig, CancellationToken cancellationToken)
    {
        ClusterSyncSettings? settings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            settings = await scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>().SyncSettings.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Cluster == cluster, cancellationToken);
        }

        await StartClusterAsync(cluster, protectedKubeconfig, settings, cancellationToken);
    }

    /// <summary>
    /// Syncs <paramref name="cluster"/> when this replica owns it, from a fresh list, the types its <paramref name="settings"/>
    /// choose (the defaults without); a sync already running with the same credentials and settings is kept. A cluster owned
    /// by another replica is left to it (and stopped here if it ran here).
    /// </summary>
    public async Task StartClusterAsync(string cluster, string protectedKubeconfig, ClusterSyncSettings? settings, CancellationToken cancellationToken)
    {
        if (!ring.Owns(cluster))
        {
            await StopClusterAsync(cluster, cancellationToken, handedOver: true);
            return;
        }

        // The cluster's discovery is asked outside the gate, so a slow cluster holds up no other cluster's start or stop.
        ClusterSync? current;
        lock (_running)
        {
            _running.TryGetValue(cluster, out current);
        }

        ClusterSync? typesChanged = null;
        if (current is not null && Unchanged(current, protectedKubeconfig, settings))
        {
            if (await TypesStillChosenAsync(current, settings, cancellationToken))
            {
                return;
            }

            typesChanged = current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Kept unless it is the sync whose types were found changed; one started meanwhile has just resolved its types.
            if (_running.TryGetValue(cluster, out var existing) && Unchanged(existing, protectedKubeconfig, settings)
                && !ReferenceEquals(existing, typesChanged))
            {
                return;
            }

            // Reconciling retries every cluster every round: a refused kubeconfig is reported once, until it changes.
            if (_refused.TryGetValue(cluster, out var refusedKubeconfig) && refusedKubeconfig == protectedKubeconfig)
            {
                return;
            }

            if (_refused.Remove(cluster))
            {
                status.Remove(cluster);
            }

            ClusterConnection connection;
            try
            {
                var kubeconfig = ClusterCredentialProtector.FromConfiguration(configuration).Unprotect(protectedKubeconfig);
                connection = ClusterConnection.FromKubeconfig(kubeconfig, loader);
            }
            catch (Exception refused) when (refused is not OperationCanceledException)
            {
                if (existing is not null)
                {
                    await RemoveAsync(existing);
                }

                await RefuseAsync(cluster, protectedKubeconfig, refused);
                return;
            }

            IReadOnlyList<ResourceType> types;
            try
            {
                types = settings is null ? options.Value.EffectiveResources
                    : await SyncTypeResolver.ResolveAsync(connection, settings, strict: false, cancellationToken);
            }
            catch
            {
                // The cluster's discovery did not answer: the running sync (if any) goes on, the next round tries again.
                connection.Dispose();
                throw;
            }

            if (existing is not null)
            {
                await RemoveAsync(existing);
                // The status shows the chosen types only: the old ones leave it for every replica.
                status.Remove(cluster);
                await PublishStatusAsync(cluster, remove: true);
            }

            await RecordSyncedTypesAsync(cluster, types, cancellationToken);
            await writer.EnqueueAsync(new RetainTypes(cluster, types, time.GetUtcNow()), cancellationToken);
            var sync = new ClusterSync(cluster, protectedKubeconfig, connection, types, writer, status, options.Value, time, logger)
            {
                SettingsRevision = settings?.Revision,
                TypesResolvedAt = time.GetUtcNow(),
            };
            lock (_running)
            {
                _running[cluster] = sync;
            }

            await PublishStatusAsync(cluster, remove: false);
            LogStarted(logger, cluster, types.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether the running sync still has the types its settings choose: the defaults always do; settings are resolved
    /// against the cluster's discovery again once <see cref="ClusterSearchOptions.TypeRediscoveryInterval"/> has passed.
    /// A discovery that does not answer keeps the running sync.
    /// </summary>
    private async Task<bool> TypesStillChosenAsync(ClusterSync running, ClusterSyncSettings? settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (settings is null || now - running.TypesResolvedAt < options.Value.TypeRediscoveryInterval)
        {
            return true;
        }

        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(RediscoveryTimeout);
            var types = await SyncTypeResolver.ResolveAsync(running.Connection, settings, strict: false, patience.Token);
            if (!types.ToHashSet().SetEquals(running.Types))
            {
                return false;
            }

            running.TypesResolvedAt = now;
            return true;
        }
        catch (Exception unanswered) when (!cancellationToken.IsCancellationRequested)
        {
            LogRediscoveryFailed(logger, running.Cluster, unanswered.GetType().Name);
            return true;
        }
    }

    private static bool Unchanged(ClusterSync running, string protectedKubeconfig, ClusterSyncSettings? settings) =>
        running.ProtectedKubeconfig == protectedKubeconfig && running.SettingsRevision == settings?.Revision;

    /// <summary>The types the cluster's sync indexes, for every replica's search of them.</summary>
    private async Task RecordSyncedTypesAsync(string cluster, IReadOnlyList<ResourceType> types, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>();
        // One transaction: a search meanwhile sees the old types or the new, never none.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.SyncedTypes.Where(t => t.Cluster == cluster).ExecuteDeleteAsync(token);
            db.SyncedTypes.AddRange(types.Select(t => new SyncedType
            {
                Cluster = cluster, Group = t.Group, Version = t.Version, Resource = t.Resource, Kind = t.Kind, Namespaced = t.Namespaced,
            }));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    /// <summary>
    /// Shows why <paramref name="cluster"/> is not synced in its status, without the kubeconfig's content (a parser's message
    /// may quote it): the loader's refusal names the field, anything else only its kind.
    /// </summary>
    private async Task RefuseAsync(string cluster, string protectedKubeconfig, Exception refused)
    {
        var reason = refused is InvalidOperationException ? refused.Message : $"The cluster's kubeconfig cannot be used ({refused.GetType().Name})";
        LogRefused(logger, cluster, reason);
        _refused[cluster] = protectedKubeconfig;
        foreach (var type in options.Value.EffectiveResources)
        {
            status.For(cluster, type).Refused(SyncFailure.KubeconfigRefused, reason);
        }

        await PublishStatusAsync(cluster, remove: false);
    }

    /// <summary>
    /// Stops syncing <paramref name="cluster"/>, keeping its objects searchable as last seen. A sync handed over to another
    /// replica leaves its status to that replica; any other stop shows as Stopped.
    /// </summary>
    public async Task StopClusterAsync(string cluster, CancellationToken cancellationToken, bool handedOver = false)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running.TryGetValue(cluster, out var sync))
            {
                await RemoveAsync(sync);
                if (handedOver)
                {
                    status.Remove(cluster);
                }
                else
                {
                    foreach (var entry in status.All.Where(s => s.Cluster == cluster))
                    {
                        entry.State = SyncState.Stopped;
                    }

                    await PublishStatusAsync(cluster, remove: false);
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
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _refused.Remove(cluster);
        }
        finally
        {
            _gate.Release();
        }

        status.Remove(cluster);
        await PublishStatusAsync(cluster, remove: true);
        await writer.EnqueueAsync(new ForgetCluster(cluster, time.GetUtcNow()), cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClusterSearchDbContext>();
        await db.SyncedTypes.Where(t => t.Cluster == cluster).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
        _ringChanged.Dispose();
        _stopping.Dispose();
    }

    private async Task PublishStatusAsync(string cluster, bool remove)
    {
        try
        {
            await (remove ? sharedStatus.RemoveAsync(cluster) : sharedStatus.PublishAsync(cluster));
        }
        catch (Exception failure) when (failure is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogStatusNotPublished(logger, failure, cluster);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of cluster {Cluster} was not published; the next round publishes it")]
    private static partial void LogStatusNotPublished(ILogger logger, Exception failure, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling the clusters this replica syncs failed; retrying")]
    private static partial void LogReconcileFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling cluster {Cluster} failed ({Failure}); the other clusters go on")]
    private static partial void LogClusterReconcileFailed(ILogger logger, string cluster, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}'s discovery did not answer ({Failure}); its sync goes on with the types it has")]
    private static partial void LogRediscoveryFailed(ILogger logger, string cluster, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped syncing cluster {Cluster}")]
    private static partial void LogStopped(ILogger logger, string cluster);
}
