using System.Text;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Persistence;

/// <summary>The payloads of the log and snapshot records: changes, compactions, and a snapshot's header, objects and end.</summary>
internal static class JournalCodec
{
    public const byte Added = 1;
    public const byte Modified = 2;
    public const byte Deleted = 3;
    public const byte Compaction = 4;
    public const byte SnapshotHeader = 10;
    public const byte SnapshotObject = 11;
    public const byte SnapshotEnd = 12;

    public const int FormatVersion = 1;

    public static void WriteChange(BinaryWriter writer, WatchRecord record)
    {
        writer.Write(record.Type switch { "ADDED" => Added, "DELETED" => Deleted, _ => Modified });
        writer.Write(record.ResourceVersion);
        writer.Write(record.StorageKey);
        WriteBytes(writer, record.Object.Json);
    }

    public static void WriteCompaction(BinaryWriter writer, long throughResourceVersion)
    {
        writer.Write(Compaction);
        writer.Write(throughResourceVersion);
    }

    public static void WriteHeader(BinaryWriter writer, StoreImage image)
    {
        writer.Write(SnapshotHeader);
        writer.Write(FormatVersion);
        writer.Write(image.ResourceVersion);
        writer.Write(image.CompactedThrough);
    }

    public static void WriteObject(BinaryWriter writer, string storageKey, StoredObject stored)
    {
        writer.Write(SnapshotObject);
        writer.Write(storageKey);
        WriteBytes(writer, stored.Json);
    }

    public static void WriteEnd(BinaryWriter writer, long recordCount)
    {
        writer.Write(SnapshotEnd);
        writer.Write(recordCount);
    }

    public static WatchRecord ReadChange(byte kind, BinaryReader reader)
    {
        var rv = reader.ReadInt64();
        var storageKey = reader.ReadString();
        var stored = StoredObject.From(Json.Parse(ReadBytes(reader)));
        var type = kind switch { Added => "ADDED", Deleted => "DELETED", _ => "MODIFIED" };
        return new WatchRecord(rv, storageKey, type, stored);
    }

    public static (string StorageKey, StoredObject Object) ReadObject(BinaryReader reader)
    {
        var storageKey = reader.ReadString();
        return (storageKey, StoredObject.From(Json.Parse(ReadBytes(reader))));
    }

    public static BinaryReader Reader(byte[] payload) => new(new MemoryStream(payload, writable: false), Encoding.UTF8);

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());
}
