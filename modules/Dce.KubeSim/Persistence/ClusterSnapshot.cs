using System.Text;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Persistence;

/// <summary>
/// The whole state of one cluster in one file: objects, resourceVersion counter and kept watch history. Written to
/// a private temporary file, flushed to disk and renamed over the previous one, so a reader sees the old snapshot
/// or the new one, never a mix.
/// </summary>
internal static class ClusterSnapshot
{
    public static void Write(string path, StoreImage image)
    {
        var staging = path + ".tmp";
        using (var file = PrivateFile.Open(staging, FileMode.Create))
        {
            using var buffered = new BufferedStream(file, 1 << 16);
            var payload = new MemoryStream();
            using var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
            long records = 0;
            void Frame(Action<BinaryWriter> write)
            {
                payload.SetLength(0);
                write(writer);
                writer.Flush();
                RecordFraming.Write(buffered, payload.GetBuffer().AsSpan(0, (int)payload.Length));
                records++;
            }
            Frame(w => JournalCodec.WriteHeader(w, image));
            foreach (var (storageKey, objects) in image.Objects)
            {
                foreach (var stored in objects)
                {
                    Frame(w => JournalCodec.WriteObject(w, storageKey, stored));
                }
            }
            foreach (var record in image.History)
            {
                Frame(w => JournalCodec.WriteChange(w, record));
            }
            Frame(w => JournalCodec.WriteEnd(w, records));
            buffered.Flush();
            file.Flush(flushToDisk: true);
        }
        File.Move(staging, path, overwrite: true);
    }

    /// <summary>Reads a snapshot; a snapshot is replaced atomically, so one that does not read whole is refused.</summary>
    public static StoreImage Read(string path)
    {
        using var file = File.OpenRead(path);
        long rv = 0, compactedThrough = 0, records = 0;
        var headerSeen = false;
        var ended = false;
        var objects = new Dictionary<string, List<StoredObject>>(StringComparer.Ordinal);
        var history = new List<WatchRecord>();
        foreach (var (payload, _) in RecordFraming.Read(file))
        {
            using var reader = JournalCodec.Reader(payload);
            var kind = reader.ReadByte();
            switch (kind)
            {
                case JournalCodec.SnapshotHeader:
                    var version = reader.ReadInt32();
                    if (version != JournalCodec.FormatVersion)
                    {
                        throw new InvalidDataException($"State snapshot {path} has format {version}; this KubeSim reads format {JournalCodec.FormatVersion}.");
                    }
                    rv = reader.ReadInt64();
                    compactedThrough = reader.ReadInt64();
                    headerSeen = true;
                    break;
                case JournalCodec.SnapshotObject:
                    var (storageKey, stored) = JournalCodec.ReadObject(reader);
                    if (!objects.TryGetValue(storageKey, out var list))
                    {
                        list = [];
                        objects[storageKey] = list;
                    }
                    list.Add(stored);
                    break;
                case JournalCodec.Added or JournalCodec.Modified or JournalCodec.Deleted:
                    history.Add(JournalCodec.ReadChange(kind, reader));
                    break;
                case JournalCodec.SnapshotEnd:
                    ended = reader.ReadInt64() == records;
                    break;
                default:
                    throw new InvalidDataException($"State snapshot {path} holds an unknown record kind {kind}.");
            }
            records++;
        }
        if (!headerSeen || !ended)
        {
            throw new InvalidDataException($"State snapshot {path} is incomplete.");
        }
        return new StoreImage(rv, compactedThrough,
            objects.Select(o => (o.Key, (IReadOnlyList<StoredObject>)o.Value)).ToArray(), history);
    }
}
