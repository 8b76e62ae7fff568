using Dce.Coordination;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// On the one replica that owns it in the <see cref="ReplicaRing"/>: creates the next days' partitions ahead of the
/// writers and drops whole days older than the retention, which frees their space at once (no row-by-row delete).
/// </summary>
public sealed partial class PartitionMaintenance(NpgsqlDataSource database, ReplicaRing ring, LogWriter logs, EventWriter events,
    IOptions<LogsOptions> options, TimeProvider time, ILogger<PartitionMaintenance> logger) : BackgroundService
{
    public const string OwnershipKey = "insight-logs-retention";
    private const int DaysAhead = 2;

    /// <summary>Runs once: the partitions dropped.</summary>
    public async Task<List<string>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DayPartitions.DayOf(time.GetUtcNow().UtcDateTime);
        var before = DayPartitions.DayOf(time.GetUtcNow().UtcDateTime - options.Value.Retention);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var dropped = new List<string>();
        foreach (var table in new[] { DayPartitions.LogTable, DayPartitions.EventTable })
        {
            for (var day = 0; day <= DaysAhead; day++)
            {
                await DayPartitions.EnsureAsync(connection, table, today.AddDays(day), cancellationToken);
            }

            dropped.AddRange(await DayPartitions.DropBeforeAsync(connection, table, before, cancellationToken));
        }

        if (dropped.Count > 0)
        {
            logs.ForgetPartitions();
            events.ForgetPartitions();
            LogDropped(logger, string.Join(", ", dropped));
        }

        return dropped;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            try
            {
                if (ring.Owns(OwnershipKey))
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (NpgsqlException error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log and event partitions past retention dropped: {Partitions}")]
    private static partial void LogDropped(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log partition maintenance failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
