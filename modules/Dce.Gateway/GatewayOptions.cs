namespace Dce.Gateway;

/// <summary>Per-subject request budget.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Sustained requests per second.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests allowed in one burst.</summary>
    public int Burst { get; set; } = 400;
}

/// <summary>How the gateway spreads a module's requests over its replicas (<c>Gateway:*</c>).</summary>
public sealed class BalancingSettings
{
    /// <summary>YARP's load-balancing policy: <c>PowerOfTwoChoices</c> (fewest requests in flight of two) or <c>RoundRobin</c>.</summary>
    public string LoadBalancingPolicy { get; set; } = "PowerOfTwoChoices";

    /// <summary><c>Gateway:HealthChecks</c>.</summary>
    public HealthCheckSettings HealthChecks { get; set; } = new();

    /// <summary><c>Gateway:Retries</c>.</summary>
    public RetrySettings Retries { get; set; } = new();
}

/// <summary>
/// Active probes of every replica's readiness, and how long a replica that failed a request stays out. A draining
/// replica must be noticed within its drain delay (<c>Dce:Shutdown:DrainDelay</c>): Interval × FailuresBeforeUnhealthy is kept below it.
/// </summary>
public sealed class HealthCheckSettings
{
    /// <summary>Time between two probes of a replica.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe not answered in this time failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The readiness path probed.</summary>
    public string Path { get; set; } = "/ready";

    /// <summary>Consecutive failed probes that take a replica out; one success brings it back.</summary>
    public int FailuresBeforeUnhealthy { get; set; } = 2;

    /// <summary>How long a replica that could not be reached by a request stays out before it is tried again.</summary>
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Re-sending a request that a replica failed to answer.</summary>
public sealed class RetrySettings
{
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Request bodies up to this size are kept in memory so they can be sent again; larger ones are never retried.</summary>
    public int MaxBufferedBodyBytes { get; set; } = 1024 * 1024;
}
