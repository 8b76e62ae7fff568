using System.Text;
using System.Threading.Channels;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Persistence;

/// <summary>
/// Makes one cluster's changes durable without slowing its writes: the store hands each committed change to a
/// channel (no I/O under the store lock) and one background writer appends whatever has queued up to the log,
/// then flushes it to disk once per batch (group commit). When the log grows past its limit the writer takes a
/// snapshot and starts a new log.
/// </summary>
internal sealed class ClusterJournal : IChangeJournal
{
    private readonly Channel<Entry> entries = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ObjectStore store;
    private readonly ClusterFiles files;
    private readonly long logLimit;
    private readonly MemoryStream payload = new();
    private readonly BinaryWriter payloadWriter;
    private readonly Action<Exception> failed;
    private readonly Task writing;
    private FileStream log;
    private long snapshotThrough;

    private ClusterJournal(ObjectStore store, ClusterFiles files, long logLimit, long snapshotThrough, Action<Exception> failed)
    {
        this.failed = failed;
        this.store = store;
        this.files = files;
        this.logLimit = logLimit;
        this.snapshotThrough = snapshotThrough;
        payloadWriter = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        log = PrivateFile.Open(files.Log, FileMode.Append);
        writing = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Starts journaling <paramref name="store"/>, whose state was loaded up to <paramref name="snapshotThrough"/> from its
    /// snapshot; <paramref name="failed"/> hears of a write that failed, after which nothing more is written.
    /// </summary>
    public static ClusterJournal Start(ObjectStore store, ClusterFiles files, long logLimit, long snapshotThrough, Action<Exception> failed)
    {
        var journal = new ClusterJournal(store, files, logLimit, snapshotThrough, failed);
        store.Journal = journal;
        return journal;
    }

    public void Append(WatchRecord record) => entries.Writer.TryWrite(new Entry(record, 0));

    public void Compacted(long throughResourceVersion) => entries.Writer.TryWrite(new Entry(null, throughResourceVersion));

    /// <summary>Writes what is queued, flushes it to disk and closes the log; later changes are not kept.</summary>
    public void Close()
    {
        lock (store.Sync)
        {
            if (ReferenceEquals(store.Journal, this))
            {
                store.Journal = null;
            }
        }
        entries.Writer.TryComplete();
        writing.GetAwaiter().GetResult();
    }

    private async Task WriteAsync()
    {
        var reader = entries.Reader;
        var broken = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var entry))
                {
                    if (!broken)
                    {
                        Write(entry);
                    }
                }
                if (!broken)
                {
                    log.Flush(flushToDisk: true);
                    if (log.Length > logLimit)
                    {
                        Snapshot();
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Writing on past a failed append would put whole records behind a torn one, where loading never reads them.
                broken = true;
                failed(ex);
            }
        }
        try
        {
            if (!broken)
            {
                log.Flush(flushToDisk: true);
            }
            await log.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            if (!broken)
            {
                failed(ex);
            }
        }
    }

    private void Write(Entry entry)
    {
        payload.SetLength(0);
        if (entry.Change is { } change)
        {
            if (change.ResourceVersion <= snapshotThrough)
            {
                return;
            }
            JournalCodec.WriteChange(payloadWriter, change);
        }
        else
        {
            if (entry.CompactedThrough < snapshotThrough)
            {
                return;
            }
            JournalCodec.WriteCompaction(payloadWriter, entry.CompactedThrough);
        }
        payloadWriter.Flush();
        RecordFraming.Write(log, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    private void Snapshot()
    {
        var image = store.Capture();
        ClusterSnapshot.Write(files.Snapshot, image);
        snapshotThrough = image.ResourceVersion;
        // Every change up to the snapshot is in it; a crash before this truncation leaves only such changes in the log, which loading skips.
        log.Dispose();
        log = PrivateFile.Open(files.Log, FileMode.Create);
    }

    private readonly record struct Entry(WatchRecord? Change, long CompactedThrough);
}
