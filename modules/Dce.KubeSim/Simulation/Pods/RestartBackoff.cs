namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// The kubelet's back-off between restarts of a crashed container and between image pulls: the base (10s on a real
/// node), doubled on each retry, capped at thirty times the base (5 minutes).
/// </summary>
public static class RestartBackoff
{
    private const int CapFactor = 30;

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first back-off).</summary>
    public static TimeSpan Delay(TimeSpan baseDelay, int retry)
    {
        var factor = Math.Min(CapFactor, Math.Pow(2, Math.Max(0, retry - 1)));
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * factor));
    }

    /// <summary>The wait as the kubelet prints it in a waiting message: <c>10s</c>, <c>2m40s</c>.</summary>
    public static string Format(TimeSpan delay)
    {
        if (delay < TimeSpan.FromSeconds(1))
        {
            return $"{(int)delay.TotalMilliseconds}ms";
        }
        var minutes = (int)delay.TotalMinutes;
        var seconds = delay.Seconds;
        return minutes > 0 ? (seconds > 0 ? $"{minutes}m{seconds}s" : $"{minutes}m0s") : $"{seconds}s";
    }
}
