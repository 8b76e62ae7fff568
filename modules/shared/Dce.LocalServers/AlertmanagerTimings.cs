namespace Dce.LocalServers;

/// <summary>How long Alertmanager waits before the first notification of an alert, between updates, and before repeating one.</summary>
public sealed record AlertmanagerTimings(TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan RepeatInterval)
{
    public static AlertmanagerTimings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));
}
