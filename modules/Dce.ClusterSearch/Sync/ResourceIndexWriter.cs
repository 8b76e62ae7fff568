using System.Threading.Channels;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Search;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// The one writer of the index: gathers the sync's changes for <see cref="ClusterSearchOptions.FlushInterval"/> (or
/// <see cref="ClusterSearchOptions.MaxBatchSize"/> changes), writes them in one transaction with bulk statements, then
/// bumps the index version of every type it touched so cached searches of those types are no longer served. The queue
/// holds at most <see cref="ClusterSearchOptions.WriterCapacity"/> changes: when the writer is behind, the syncs wait
/// (and with them the reading of their watches) instead of the queue growing. A batch with a row the database refuses is
/// written again one row at a time: the refused object is set aside (<see cref="SetAsideStatements"/>), every other lands.
/// </summary>
internal sealed partial class ResourceIndexWriter(
    NpgsqlDataSource dataSource,
    IndexVersions versions,
    SyncStatusRegistry status,
    IOptions<ClusterSearchOptions> options,
    TimeProvider time,
    ILogger<ResourceIndexWriter> logger) : BackgroundService
{
    private readonly Channel<IndexCommand> _commands = Channel.CreateUnbounded<IndexCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriterQueueRoom _room = new(options.Value.WriterCapacity);
    private long _written;
    private long _writingTicks;

    /// <summary>Objects written (inserted, updated or deleted) since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Time spent writing batches (the database's work and the round trips) since start.</summary>
    public TimeSpan WritingTime => TimeSpan.FromTicks(Interlocked.Read(ref _writingTicks));

    /// <summary>Changes waiting to be written (or being written).</summary>
    public int Pending => _room.Taken;

    /// <summary>Queues <paramref name="command"/>, waiting while the queue holds <see cref="ClusterSearchOptions.WriterCapacity"/> changes.</summary>
    public async ValueTask EnqueueAsync(IndexCommand command, CancellationToken cancellationToken)
    {
        await _room.TakeAsync(Changes(command), cancellationToken);
        _commands.Writer.TryWrite(command);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IndexCommand>();
        while (await _commands.Reader.WaitToReadAsync(stoppingToken))
        {
            // A full batch is already waiting when the writer is behind: gathering longer would only idle the database.
            if (_room.Taken < options.Value.MaxBatchSize)
            {
                await Task.Delay(options.Value.FlushInterval, time, stoppingToken);
            }

            batch.Clear();
            var changes = 0;
            while (_commands.Reader.TryPeek(out var next) && (changes == 0 || changes + Changes(next) <= options.Value.MaxBatchSize)
                && _commands.Reader.TryRead(out var command))
            {
                batch.Add(command);
                changes += Changes(command);
            }

            var started = time.GetTimestamp();
            await WriteWithRetryAsync(batch, stoppingToken);
            Interlocked.Add(ref _writingTicks, time.GetElapsedTime(started).Ticks);
            _room.Return(changes);
        }
    }

    private static int Changes(IndexCommand command) => command is UpsertObjects page ? Math.Max(1, page.Objects.Count) : 1;

    // A page's objects are changes of their own once in the batch: each collapses with later changes of the same object.
    private static IEnumerable<IndexCommand> Each(IEnumerable<IndexCommand> batch) =>
        batch.SelectMany(command => command is UpsertObjects page
            ? page.Objects.Select(o => (IndexCommand)new UpsertObject(o, page.ReceivedAt))
            : [command]);

    private async Task WriteWithRetryAsync(List<IndexCommand> batch, CancellationToken cancellationToken)
    {
        var rowByRow = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var touched = rowByRow ? await WriteRowByRowAsync(batch, cancellationToken) : await WriteAsync(batch, cancellationToken);
                await versions.BumpAsync(touched, cancellationToken);
                var now = time.GetUtcNow();
                foreach (var command in batch)
                {
                    status.Written(command, now);
                }

                return;
            }
            catch (Exception error) when (!rowByRow && IndexRefusal.Of(error) is not null)
            {
                LogRowByRow(logger, batch.Count, IndexRefusal.Of(error)!.Code);
                rowByRow = true;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                LogWriteFailed(logger, error, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt * attempt)), time, cancellationToken);
            }
        }
    }

    private async Task<HashSet<ResourceType>> WriteAsync(List<IndexCommand> batch, CancellationToken cancellationToken)
    {
        var touched = new HashSet<ResourceType>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Consecutive upserts and deletes collapse to the last change per object; a reconcile or a forgotten
        // cluster is applied after everything before it, so order is kept.
        var pending = new Dictionary<ObjectKey, IndexCommand>();
        foreach (var command in Each(batch))
        {
            switch (command)
            {
                case UpsertObject upsert:
                    pending[upsert.Object.Key] = upsert;
                    touched.Add(upsert.Object.Type);
                    break;
                case DeleteObject delete:
                    pending[delete.Key] = delete;
                    touched.Add(delete.Key.Type);
                    break;
                case ReconcileType reconcile:
                    await FlushAsync(connection, pending, cancellationToken);
                    Interlocked.Add(ref _written, await ResourceIndexStatements.ReconcileAsync(connection, reconcile, cancellationToken));
                    await SetAsideStatements.ReconcileAsync(connection, reconcile, cancellationToken);
                    touched.Add(reconcile.Type);
                    break;
                case ForgetCluster forget:
                    await FlushAsync(connection, pending, cancellationToken);
                    Interlocked.Add(ref _written, await ResourceIndexStatements.DeleteClusterAsync(connection, forget.Cluster, cancellationToken));
                    await SetAsideStatements.DeleteClusterAsync(connection, forget.Cluster, cancellationToken);
                    touched.UnionWith(options.Value.EffectiveResources);
                    break;
                case RetainTypes retain:
                    await FlushAsync(connection, pending, cancellationToken);
                    touched.UnionWith(await RetainTypesAsync(connection, retain, cancellationToken));
                    break;
            }
        }

        await FlushAsync(connection, pending, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    private async Task FlushAsync(NpgsqlConnection connection, Dictionary<ObjectKey, IndexCommand> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var upserts = pending.Values.OfType<UpsertObject>().Select(u => u.Object).ToList();
        var deletes = pending.Values.OfType<DeleteObject>().Select(d => d.Key).ToList();
        var keys = pending.Keys.ToList();
        pending.Clear();
        Interlocked.Add(ref _written, await ResourceIndexStatements.UpsertAsync(connection, upserts, cancellationToken));
        Interlocked.Add(ref _written, await ResourceIndexStatements.DeleteAsync(connection, deletes, cancellationToken));
        await SetAsideStatements.ClearAsync(connection, keys, cancellationToken);
    }

    /// <summary>
    /// The batch again in its order, each change under its own savepoint: a refused upsert is set aside, a refused delete
    /// or reconcile is skipped (the next list reconciles again), and every other change lands.
    /// </summary>
    private async Task<HashSet<ResourceType>> WriteRowByRowAsync(List<IndexCommand> batch, CancellationToken cancellationToken)
    {
        var touched = new HashSet<ResourceType>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var command in Each(batch))
        {
            await transaction.SaveAsync("row", cancellationToken);
            try
            {
                touched.UnionWith(await ApplyAsync(connection, command, cancellationToken));
                await transaction.ReleaseAsync("row", cancellationToken);
            }
            catch (Exception error) when (IndexRefusal.Of(error) is { } refusal)
            {
                await transaction.RollbackAsync("row", cancellationToken);
                if (command is UpsertObject { Object: var refused })
                {
                    await SetAsideStatements.AddAsync(connection, refused.Key, refused.Uid, refused.ResourceVersion, refusal, cancellationToken);
                    LogSetAside(logger, refused.Cluster, refused.Type, refused.Namespace, refused.Name, refusal.Code, refusal.Message);
                }
                else
                {
                    LogSkipped(logger, command.GetType().Name, refusal.Code, refusal.Message);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    private async Task<IEnumerable<ResourceType>> ApplyAsync(NpgsqlConnection connection, IndexCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case UpsertObject upsert:
                Interlocked.Add(ref _written, await ResourceIndexStatements.UpsertAsync(connection, [upsert.Object], cancellationToken));
                await SetAsideStatements.ClearAsync(connection, [upsert.Object.Key], cancellationToken);
                return [upsert.Object.Type];
            case DeleteObject delete:
                Interlocked.Add(ref _written, await ResourceIndexStatements.DeleteAsync(connection, [delete.Key], cancellationToken));
                await SetAsideStatements.ClearAsync(connection, [delete.Key], cancellationToken);
                return [delete.Key.Type];
            case ReconcileType reconcile:
                Interlocked.Add(ref _written, await ResourceIndexStatements.ReconcileAsync(connection, reconcile, cancellationToken));
                await SetAsideStatements.ReconcileAsync(connection, reconcile, cancellationToken);
                return [reconcile.Type];
            case ForgetCluster forget:
                Interlocked.Add(ref _written, await ResourceIndexStatements.DeleteClusterAsync(connection, forget.Cluster, cancellationToken));
                await SetAsideStatements.DeleteClusterAsync(connection, forget.Cluster, cancellationToken);
                return options.Value.EffectiveResources;
            case RetainTypes retain:
                return await RetainTypesAsync(connection, retain, cancellationToken);
            default:
                return [];
        }
    }

    private async Task<IEnumerable<ResourceType>> RetainTypesAsync(NpgsqlConnection connection, RetainTypes retain, CancellationToken cancellationToken)
    {
        var (removed, rows) = await ResourceIndexStatements.RetainTypesAsync(connection, retain, cancellationToken);
        await SetAsideStatements.RetainTypesAsync(connection, retain, cancellationToken);
        Interlocked.Add(ref _written, rows);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A row of {Count} index changes was refused ({Code}); writing them one by one")]
    private static partial void LogRowByRow(ILogger logger, int count, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Set aside {Cluster}/{Type} {Namespace}/{Name}: the index refused it ({Code} {Reason})")]
    private static partial void LogSetAside(ILogger logger, string cluster, ResourceType type, string @namespace, string name, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a refused {Change} ({Code} {Reason})")]
    private static partial void LogSkipped(ILogger logger, string change, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} index changes failed (attempt {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, int count, int attempt);
}
