using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dce.ServiceDefaults.Shutdown;

/// <summary>Readiness fails as soon as the replica is stopping; liveness is untouched.</summary>
internal sealed class DrainHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        drain.NoteReadinessProbe();
        return Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("Stopping.") : HealthCheckResult.Healthy());
    }
}
