namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>Keeps the signing keys loaded and rotated while the module runs.</summary>
public sealed class SigningKeyRotation(SigningKeyStore keys, ILogger<SigningKeyRotation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Refreshing the signing keys failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
