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

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z]+)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}\}")]
    private static partial Regex Placeholder();
}
