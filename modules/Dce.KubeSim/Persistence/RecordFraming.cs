using System.Buffers.Binary;

namespace Dce.KubeSim.Persistence;

/// <summary>
/// Records on disk as <c>[length][crc32][payload]</c>. Reading stops at the first record that is cut short or whose
/// checksum does not match: what a crash in the middle of an append leaves behind.
/// </summary>
internal static class RecordFraming
{
    private const int HeaderSize = 8;
    private const int MaxPayload = 256 * 1024 * 1024;

    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Of(payload));
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>The whole records of <paramref name="stream"/> and where the last whole one ends.</summary>
    public static IEnumerable<(byte[] Payload, long End)> Read(Stream stream)
    {
        var header = new byte[HeaderSize];
        while (true)
        {
            if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                yield break;
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length is < 0 or > MaxPayload || length > stream.Length - stream.Position)
            {
                yield break;
            }
            var payload = new byte[length];
            stream.ReadExactly(payload);
            if (Crc32.Of(payload) != crc)
            {
                yield break;
            }
            yield return (payload, stream.Position);
        }
    }
}
