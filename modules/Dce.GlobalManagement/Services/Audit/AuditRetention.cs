using Dce.GlobalManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.GlobalManagement.Services.Audit;

/// <summary>Deletes audit records older than the retention period, periodically.</summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger) : BackgroundService
{
    public async Task<int> CleanupAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>();
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        return await db.AuditRecords.Where(a => a.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.CleanupIntervalMinutes)));
        do
        {
            try
            {
                var deleted = await CleanupAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} audit records older than {Days} days", deleted, options.Value.RetentionDays);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Audit retention cleanup failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
