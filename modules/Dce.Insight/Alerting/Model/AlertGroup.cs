namespace Dce.Insight.Alerting.Model;

/// <summary>A group of alert rules aimed at one cluster (or one namespace of it), with the receivers its alerts go to.</summary>
public sealed class AlertGroup
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string ClusterName { get; set; }

    /// <summary>Set for a group aimed at one namespace: its rules read only that namespace's series.</summary>
    public string? Namespace { get; set; }

    /// <summary>The names of the receivers (webhooks, email recipients) its alerts are delivered to.</summary>
    public List<string> Receivers { get; set; } = [];

    /// <summary>The name of the message template a delivery is rendered with; none sends the alert as JSON.</summary>
    public string? NotificationTemplate { get; set; }

    public List<AlertRule> Rules { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
