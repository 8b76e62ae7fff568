namespace Dce.Insight.Alerting.Model;

/// <summary>
/// A notification channel: a webhook that alerts are POSTed to, or email recipients (when an SMTP server is configured),
/// kept as a <c>mailto:</c> address (<see cref="EmailRecipients"/>).
/// </summary>
public sealed class AlertReceiver
{
    public required string Name { get; set; }
    public string Type { get; set; } = ReceiverTypes.Webhook;
    public string Description { get; set; } = "";
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>DCE's receiver types that are delivered.</summary>
public static class ReceiverTypes
{
    public const string Webhook = "webhook";
    public const string Email = "email";
}
