using System.Collections.Concurrent;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Dce.Insight.Logs;

/// <summary>
/// Stores log lines in batches with binary COPY: followers hand lines over (waiting when the buffer is full, so a slow
/// database slows the streams rather than dropping lines) and one loop per replica writes them.
/// </summary>
public sealed partial class LogWriter(NpgsqlDataSource database, ILogger<LogWriter> logger) : BackgroundService
{
    private const int BatchSize = 5000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(300);
    private readonly Channel<LogLine> pending = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(50_000) { SingleReader = true });
    private readonly ConcurrentDictionary<DateOnly, bool> ensuredDays = new();

    public ValueTask EnqueueAsync(LogLine line, CancellationToken cancellationToken) => pending.Writer.WriteAsync(line, cancellationToken);

    /// <summary>Stores <paramref name="lines"/> now, creating the partitions of their days when missing.</summary>
    public async Task WriteAsync(IReadOnlyList<LogLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var day in lines.Select(line => DayPartitions.DayOf(line.Time)).Distinct().Where(day => !ensuredDays.ContainsKey(day)))
        {
            await DayPartitions.EnsureAsync(connection, DayPartitions.LogTable, day, cancellationToken);
            ensuredDays[day] = true;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {DayPartitions.LogTable} (time, cluster, namespace, pod, container, workload_kind, workload_name, node, stream, message) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(DateTime.SpecifyKind(line.Time, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(line.Cluster, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Namespace, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Pod, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Container, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, line.WorkloadKind, cancellationToken);
            await WriteNullableAsync(copy, line.WorkloadName, cancellationToken);
            await WriteNullableAsync(copy, line.Node, cancellationToken);
            await copy.WriteAsync(line.Stream, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.Message.Replace("\0", "", StringComparison.Ordinal), NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Forgets the partitions known to exist, after maintenance dropped some.</summary>
    public void ForgetPartitions() => ensuredDays.Clear();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogLine>(BatchSize);
        while (await pending.Reader.WaitToReadAsync(stoppingToken))
        {
            using (var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                window.CancelAfter(FlushInterval);
                try
                {
                    while (batch.Count < BatchSize && await pending.Reader.WaitToReadAsync(window.Token))
                    {
                        while (batch.Count < BatchSize && pending.Reader.TryRead(out var line))
                        {
                            batch.Add(line);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }

            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, batch.Count, error.Message);
                ensuredDays.Clear();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }

            batch.Clear();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} log lines could not be stored: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);
}
