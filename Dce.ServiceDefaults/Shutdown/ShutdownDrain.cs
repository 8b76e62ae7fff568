using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dce.ServiceDefaults.Shutdown;

/// <summary>
/// A replica told to stop (SIGTERM) first turns not ready — <c>/health</c> answers 503 at once — and keeps serving for
/// <see cref="ShutdownDrainOptions.DrainDelay"/> while balancers take it out; then long-lived streams end (<see cref="Drained"/>)
/// and the host stops as usual: Kestrel lets in-flight requests finish and closes keep-alive connections.
/// Runs in <see cref="StoppingAsync"/>, which the host awaits before it stops the server. A replica whose readiness nobody
/// has asked since it started is behind no balancer, and stops at once.
/// </summary>
public sealed partial class ShutdownDrain(IOptions<ShutdownDrainOptions> options, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _drained = new();
    private CancellationTokenRegistration _stoppingRegistration;
    private volatile bool _draining;
    private volatile bool _probed;

    /// <summary>True from the moment the replica was told to stop.</summary>
    public bool IsDraining => _draining;

    /// <summary>Cancelled when the drain delay is over, just before the server stops: long-lived streams end there.</summary>
    public CancellationToken Drained => _drained.Token;

    /// <summary>Notes that a balancer asked for readiness, so a stop must give it time to notice.</summary>
    public void NoteReadinessProbe() => _probed = true;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // SIGTERM signals ApplicationStopping before the host runs StoppingAsync: turn not ready at the earliest.
        _stoppingRegistration = lifetime.ApplicationStopping.Register(() => _draining = true);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var delay = options.Value.DrainDelay;
        if (_probed && delay > TimeSpan.Zero)
        {
            LogDraining(logger, delay);
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout, or its caller, cut the drain short.
            }
        }

        try
        {
            await _drained.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Stopped again after a concurrent stop disposed the host (a test host does so): the streams have ended.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _stoppingRegistration.Dispose();
        _drained.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Stopping: not ready, serving for {DrainDelay} more while balancers take this replica out.")]
    private static partial void LogDraining(ILogger logger, TimeSpan drainDelay);
}
