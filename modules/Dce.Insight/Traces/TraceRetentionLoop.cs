using Dce.Coordination;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>
/// On the one replica that owns the job in the <see cref="ReplicaRing"/>: drops the days of spans past retention and
/// creates today's and tomorrow's partitions ahead of the first export.
/// </summary>
public sealed partial class TraceRetentionLoop(TracePartitions partitions, ReplicaRing ring, IOptions<TracesOptions> options, TimeProvider time,
    ILogger<TraceRetentionLoop> logger) : BackgroundService
{
    private const string JobKey = "trace-retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            if (!ring.Owns(JobKey))
            {
                continue;
            }

            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var today = DateOnly.FromDateTime(now);
                await partitions.EnsureAsync([today, today.AddDays(1)], stoppingToken);
                foreach (var day in await partitions.DropBeforeAsync(now - options.Value.Retention, stoppingToken))
                {
                    LogDropped(logger, day);
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spans of {Day} dropped: past retention")]
    private static partial void LogDropped(ILogger logger, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trace retention failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
