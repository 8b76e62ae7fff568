namespace Dce.Insight.Alerting.Model;

/// <summary>
/// One notification to deliver to one receiver: written with the alert, claimed by a replica for a short lease, retried
/// until the receiver accepts it, so it is delivered at least once even when a replica dies mid-way.
/// </summary>
public sealed class AlertDelivery
{
    public Guid Id { get; set; }
    public Guid AlertId { get; set; }
    public required string Receiver { get; set; }

    /// <summary>The alert's status the notification tells (firing or resolved): one delivery per receiver and status.</summary>
    public required string Status { get; set; }

    public required string Url { get; set; }
    public required string Body { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
