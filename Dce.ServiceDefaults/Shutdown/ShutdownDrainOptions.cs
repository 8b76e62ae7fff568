namespace Dce.ServiceDefaults.Shutdown;

/// <summary><c>Dce:Shutdown</c>: how a replica leaves its balancers before it stops.</summary>
public sealed class ShutdownDrainOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dce:Shutdown";

    /// <summary>
    /// How long a stopping replica keeps serving while its readiness answers 503: longer than its balancers need to
    /// notice (the gateway probes every second and needs two failures; Kubernetes' readiness probe likewise).
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);
}
