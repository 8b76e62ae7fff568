namespace Dce.Insight.Alerting.Model;

/// <summary>One PromQL alerting rule of a group: it fires when <see cref="Expr"/> returns series for <see cref="Duration"/>.</summary>
public sealed class AlertRule
{
    public Guid GroupId { get; set; }
    public required string Name { get; set; }
    public required string Expr { get; set; }

    /// <summary>How long the expression must hold before the alert fires, as a Go duration (<c>5s</c>, <c>1m</c>).</summary>
    public string Duration { get; set; } = "0s";

    public string Severity { get; set; } = AlertSeverities.Warning;
    public string Description { get; set; } = "";
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Annotations as vmalert expands them (<c>{{ $labels.pod }}</c>, <c>{{ $value }}</c>).</summary>
    public Dictionary<string, string> Annotations { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>DCE's severities.</summary>
public static class AlertSeverities
{
    public const string Critical = "CRITICAL";
    public const string Warning = "WARNING";
    public const string Info = "INFO";

    public static readonly string[] All = [Critical, Warning, Info];
}
