namespace Dce.Insight.Alerting.Model;

/// <summary>
/// A message template: the text a webhook delivery carries as <c>message</c>, and an email's subject and body, with the
/// alert's fields filled in (<see cref="MessageText"/>). An empty text leaves that channel its default message.
/// </summary>
public sealed class MessageTemplate
{
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Webhook { get; set; }
    public string? EmailSubject { get; set; }
    public string? EmailBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
