using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dce.Coordination;

/// <summary>
/// Runs work on one replica at a time: the one holding a <see cref="PostgresLease"/>. The holder checks its lease every
/// <see cref="CoordinationOptions.LeaseCheckInterval"/> and cancels the work the moment it is lost; the others try to
/// take the lease at the same interval, and a new holder waits one and a half intervals before working, by when the
/// previous holder has noticed its loss.
/// </summary>
public sealed partial class SingletonWork(IOptions<CoordinationOptions> options, TimeProvider time, ILogger<SingletonWork> logger)
{
    /// <summary>Runs <paramref name="work"/> whenever this replica holds <paramref name="leaseName"/>, until <paramref name="stoppingToken"/>.</summary>
    public async Task RunAsync(string connectionString, string leaseName, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        var interval = options.Value.LeaseCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var lost = false;
            await using (var lease = new PostgresLease(connectionString, leaseName))
            {
                try
                {
                    // A previous holder whose connection just dropped notices within one check: wait that long before working.
                    if (await lease.TryAcquireAsync(stoppingToken) && await DelayAsync(interval * 1.5, stoppingToken) && await lease.StillHeldAsync(stoppingToken))
                    {
                        LogAcquired(logger, leaseName);
                        lost = !await HoldWhileWorkingAsync(lease, work, interval, stoppingToken);
                    }
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, failure, leaseName);
                }
            }

            // A replica that just lost the lease steps back a little longer, so another that still sees the database takes it.
            if (!await DelayAsync(lost ? interval * 2 : interval, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>False when the lease was lost; true when stopping or the work ended by itself.</summary>
    private async Task<bool> HoldWhileWorkingAsync(PostgresLease lease, Func<CancellationToken, Task> work, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var working = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = Task.Run(() => work(working.Token), CancellationToken.None);
        var held = true;
        while (!running.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(running, Task.Delay(interval, time, stoppingToken));
            if (!running.IsCompleted && !stoppingToken.IsCancellationRequested && !await lease.StillHeldAsync(stoppingToken))
            {
                LogLost(logger, lease.Name);
                held = false;
                break;
            }
        }

        await working.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
            // The work stops when the lease is lost or the host stops.
        }
        catch (Exception failure)
        {
            LogWorkFailed(logger, failure, lease.Name);
        }

        return held;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Holding lease {Lease}: running its work here")]
    private static partial void LogAcquired(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost lease {Lease}: its work stops here")]
    private static partial void LogLost(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking lease {Lease} failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception failure, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The work under lease {Lease} failed; it starts again while the lease is held")]
    private static partial void LogWorkFailed(ILogger logger, Exception failure, string lease);
}
