using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// The events of a watch, one JSON document per line, each at most <c>maxEventBytes</c> long: a cluster sending a longer
/// line fails the watch instead of growing the buffer without end.
/// </summary>
internal static class WatchEvents
{
    public static async IAsyncEnumerable<JsonDocument> ReadAsync(Stream body, int maxEventBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body);
        try
        {
            long scanned = 0;
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                // Only what arrived since the last read is searched for the end of the line.
                while (buffer.Slice(scanned).PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    scanned = 0;
                    if (line.Length > maxEventBytes)
                    {
                        throw new WatchEventTooLargeException(maxEventBytes);
                    }

                    if (!IsBlank(line))
                    {
                        yield return JsonDocument.Parse(line.ToArray());
                    }
                }

                if (buffer.Length > maxEventBytes)
                {
                    throw new WatchEventTooLargeException(maxEventBytes);
                }

                scanned = buffer.Length;
                if (result.IsCompleted)
                {
                    if (!IsBlank(buffer))
                    {
                        yield return JsonDocument.Parse(buffer.ToArray());
                    }

                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>A watch event longer than the module reads: the watch fails and resumes.</summary>
internal sealed class WatchEventTooLargeException(int maxEventBytes)
    : Exception($"The cluster sent a watch event longer than {maxEventBytes} bytes.");
