using Dce.Coordination;
using Dce.GlobalManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.GlobalManagement.Services.Audit;

/// <summary>Deletes audit records older than the retention period, periodically, on the one replica holding its lease.</summary>
public sealed class AuditRetention(
    IServiceScopeFactory scopes,
    SingletonWork singleton,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditRetention> logger) : BackgroundService
{
    public const string LeaseName = "ghippo:audit-retention";
    private volatile bool _holding;

    /// <summary>Whether this replica holds the lease and runs the cleanup.</summary>
    public bool Holding => _holding;

    public async Task<int> CleanupAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>();
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        return await db.AuditRecords.Where(a => a.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().Database.GetConnectionString()!;
        }

        await singleton.RunAsync(connectionString, LeaseName, async token =>
        {
            _holding = true;
            try
            {
                await CleanupPeriodicallyAsync(token);
            }
            finally
            {
                _holding = false;
            }
        }, stoppingToken);
    }

    private async Task CleanupPeriodicallyAsync(CancellationToken stoppingToken)
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
