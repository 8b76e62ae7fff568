namespace Dce.Insight.Alerting.Model;

/// <summary>A message template: the text a webhook delivery carries as <c>message</c>, with the alert's fields filled in (<see cref="MessageText"/>).</summary>
public sealed class MessageTemplate
{
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Webhook { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
