using System.Globalization;
using System.Text.RegularExpressions;
using Dce.Insight.Alerting.Model;

namespace Dce.Insight.Alerting;

/// <summary>
/// Fills a message template with an alert: <c>{{ .Status }}</c>, <c>{{ .RuleName }}</c>, <c>{{ .GroupName }}</c>,
/// <c>{{ .ClusterName }}</c>, <c>{{ .Namespace }}</c>, <c>{{ .Severity }}</c>, <c>{{ .StartsAt }}</c>,
/// <c>{{ .Labels.name }}</c> and <c>{{ .Annotations.name }}</c>. Nothing else is evaluated.
/// </summary>
public static partial class MessageText
{
    private static readonly string[] Fields = ["Status", "RuleName", "GroupName", "ClusterName", "Namespace", "Severity", "StartsAt"];

    /// <summary>The first placeholder that names no field, or null when every one does.</summary>
    public static string? UnknownPlaceholder(string template) =>
        Placeholder().Matches(template).Select(match => match.Value)
            .FirstOrDefault(text => Placeholder().Match(text) is var m && (m.Groups[2].Success ? m.Groups[1].Value is not ("Labels" or "Annotations") : !Fields.Contains(m.Groups[1].Value)));

    public static string Render(string template, AlertRecord alert, string status) =>
        Placeholder().Replace(template, match => (match.Groups[1].Value, match.Groups[2].Success ? match.Groups[2].Value : null) switch
        {
            ("Labels", { } key) => alert.Labels.GetValueOrDefault(key) ?? "",
            ("Annotations", { } key) => alert.Annotations.GetValueOrDefault(key) ?? "",
            ("Status", null) => status,
            ("RuleName", null) => alert.RuleName,
            ("GroupName", null) => alert.GroupName,
            ("ClusterName", null) => alert.ClusterName,
            ("Namespace", null) => alert.Namespace ?? "",
            ("Severity", null) => alert.Severity,
            ("StartsAt", null) => alert.StartsAt.ToString("O", CultureInfo.InvariantCulture),
            _ => match.Value,
        });

    /// <summary>
    /// An email of <paramref name="alert"/>: the template's subject and body where given, else a subject naming the status,
    /// rule and target and a body listing the alert. The subject is kept to one line whatever the alert's labels hold.
    /// </summary>
    public static EmailText Email(string? subjectTemplate, string? bodyTemplate, AlertRecord alert, string status)
    {
        var target = alert.Namespace is { Length: > 0 } ns ? $"{alert.ClusterName}/{ns}" : alert.ClusterName;
        var subject = subjectTemplate is { Length: > 0 }
            ? Render(subjectTemplate, alert, status)
            : $"[{status.ToUpperInvariant()}] {alert.RuleName} on {target}";
        var body = bodyTemplate is { Length: > 0 } ? Render(bodyTemplate, alert, status) : DefaultBody(alert, status, target);
        return new EmailText(LineBreaks().Replace(subject, " "), body);
    }

    private static string DefaultBody(AlertRecord alert, string status, string target)
    {
        var lines = new List<string>
        {
            $"Status: {status}",
            $"Rule: {alert.RuleName} (group {alert.GroupName})",
            $"Target: {target}",
            $"Severity: {alert.Severity}",
            $"Since: {alert.StartsAt.ToString("O", CultureInfo.InvariantCulture)}",
        };
        lines.AddRange(alert.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}"));
        lines.Add("Labels: " + string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"[\r\n]+")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z]+)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}\}")]
    private static partial Regex Placeholder();
}
