using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Persistence;

/// <summary>Loads a cluster's state into its store: the snapshot, then the changes logged after it.</summary>
internal static class ClusterStateLoader
{
    /// <summary>Loads what <paramref name="files"/> hold and returns the resourceVersion the snapshot covers; a torn last log record is cut off.</summary>
    public static long Load(ObjectStore store, ClusterFiles files)
    {
        long snapshotThrough = 0;
        if (File.Exists(files.Snapshot))
        {
            var image = ClusterSnapshot.Read(files.Snapshot);
            store.Restore(image);
            snapshotThrough = image.ResourceVersion;
        }
        if (!File.Exists(files.Log))
        {
            return snapshotThrough;
        }
        long wholeUpTo = 0;
        using (var log = File.OpenRead(files.Log))
        {
            foreach (var (payload, end) in RecordFraming.Read(log))
            {
                using var reader = JournalCodec.Reader(payload);
                var kind = reader.ReadByte();
                if (kind == JournalCodec.Compaction)
                {
                    var through = reader.ReadInt64();
                    if (through >= snapshotThrough)
                    {
                        store.ReplayCompaction(through);
                    }
                }
                else
                {
                    var change = JournalCodec.ReadChange(kind, reader);
                    if (change.ResourceVersion > snapshotThrough)
                    {
                        store.Replay(change);
                    }
                }
                wholeUpTo = end;
            }
        }
        if (new FileInfo(files.Log).Length > wholeUpTo)
        {
            using var log = new FileStream(files.Log, FileMode.Open, FileAccess.Write);
            log.SetLength(wholeUpTo);
            log.Flush(flushToDisk: true);
        }
        return snapshotThrough;
    }
}
