using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// Deletes the records older than the retention. Every replica runs it: the delete is idempotent, so two replicas
/// sweeping at once only delete the same rows once.
/// </summary>
internal sealed partial class IdempotencyRetention<TContext>(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, ILogger<IdempotencyRetention<TContext>> logger, IServiceProvider services)
    : BackgroundService where TContext : DbContext
{
    private readonly TimeProvider _clock = services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>Deletes the expired records now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cutoff = _clock.GetUtcNow() - options.Value.Retention;
        return await scope.ServiceProvider.GetRequiredService<TContext>().Set<IdempotentRequest>()
            .Where(r => r.CreatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, _clock);
        do
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogSwept(deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency record(s)")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency records failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
