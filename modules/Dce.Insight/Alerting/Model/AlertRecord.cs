namespace Dce.Insight.Alerting.Model;

/// <summary>
/// One firing of one alert as Alertmanager reported it: active while <see cref="Status"/> is firing, history once resolved.
/// Alertmanager's fingerprint and the start time identify it, so a notification sent again changes nothing.
/// </summary>
public sealed class AlertRecord
{
    public Guid Id { get; set; }
    public required string Fingerprint { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public Guid? GroupId { get; set; }
    public string GroupName { get; set; } = "";
    public string RuleName { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string? Namespace { get; set; }
    public string Severity { get; set; } = "";
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Annotations { get; set; } = [];
    public string Status { get; set; } = AlertStatuses.Firing;
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Alertmanager's statuses of an alert.</summary>
public static class AlertStatuses
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}
