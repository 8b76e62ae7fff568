using Dce.GlobalManagement.Infrastructure;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>
/// Rebuilds the stamp mirror whenever Redis lost it (flushed, restarted without its data); until then every module
/// answers 503 rather than accept a token that may have been revoked.
/// </summary>
public sealed class SecurityStampMirrorKeeper(IServiceScopeFactory scopes, SecurityStampMirror mirror, ILogger<SecurityStampMirrorKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await mirror.IsCompleteAsync())
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await mirror.RebuildAsync(scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>(), stoppingToken);
                    logger.LogInformation("Security stamps rebuilt in Redis from the database");
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogWarning(failure, "Security stamps could not be checked or rebuilt; retrying");
            }
        }
    }
}
