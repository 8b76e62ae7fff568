using System.Diagnostics.Metrics;
using Dce.ServiceDefaults.Telemetry;

namespace Dce.Multicloud.Propagation;

/// <summary>The propagation engine's instruments, reported under the platform's meter that service defaults collect.</summary>
public static class PropagationTelemetry
{
    public const string SchedulingDurationName = "dce.multicloud.scheduling.duration";

    public const string StrategyTag = "strategy";

    private static readonly Meter Meter = new(TelemetryExtensions.DceSourceName);

    /// <summary>From the binding read in the cache to its scheduling decision written (targets and status), per scheduled binding.</summary>
    public static readonly Histogram<double> SchedulingDuration = Meter.CreateHistogram<double>(
        SchedulingDurationName, "s", "Time the binding scheduler took from reading a binding to writing its decision, by replica scheduling type.");
}
