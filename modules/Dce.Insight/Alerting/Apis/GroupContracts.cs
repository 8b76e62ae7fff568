using Dce.Insight.Alerting.Model;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's <c>CreateGroupRequest</c> (and <c>UpdateGroup</c>'s body): a group aimed at a cluster or one namespace, with its rules.</summary>
public sealed record GroupRequest(string? Name, string? Description, string? ClusterName, string? Namespace, List<RuleRequest>? Rules,
    string? NotificationTemplate, List<GroupReceiver>? Receivers);

/// <summary>DCE's <c>CreateGroupRule</c>: name, PromQL, how long it must hold, severity, labels and annotations.</summary>
public sealed record RuleRequest(string? Name, string? Description, string? Expr, string? Duration, string? Severity,
    Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations);

/// <summary>DCE's <c>groupReceiver</c>: receivers of one type, by name.</summary>
public sealed record GroupReceiver(string? Type, List<string>? Names);

internal static class GroupViews
{
    public static string TargetType(string? ns) => ns is null ? "CLUSTER" : "NAMESPACE";

    /// <summary>DCE's <c>Group</c>; its receivers listed by type, as <paramref name="receiverTypes"/> (name → type) gives them.</summary>
    public static object Group(AlertGroup group, IReadOnlyDictionary<string, string> receiverTypes) => new
    {
        id = group.Id.ToString(),
        name = group.Name,
        builtin = false,
        clusterName = group.ClusterName,
        @namespace = group.Namespace ?? "",
        targetType = TargetType(group.Namespace),
        targets = Array.Empty<string>(),
        description = group.Description,
        notificationTemplate = group.NotificationTemplate ?? "",
        receivers = group.Receivers.GroupBy(name => receiverTypes.GetValueOrDefault(name, ReceiverTypes.Webhook), StringComparer.Ordinal)
            .Select(byType => new { type = byType.Key, names = byType.ToList() }).ToArray(),
        rules = group.Rules.OrderBy(r => r.Name, StringComparer.Ordinal).Select(rule => Rule(group, rule)).ToArray(),
        createAt = group.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        updateAt = group.UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static object Summary(AlertGroup group) => new
    {
        id = group.Id.ToString(),
        name = group.Name,
        builtin = false,
        clusterName = group.ClusterName,
        @namespace = group.Namespace ?? "",
        targetType = TargetType(group.Namespace),
        targets = Array.Empty<string>(),
        description = group.Description,
        createAt = group.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        updateAt = group.UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static object Rule(AlertGroup group, AlertRule rule) => new
    {
        id = $"{group.Id}/{rule.Name}",
        name = rule.Name,
        groupId = group.Id.ToString(),
        groupName = group.Name,
        expr = rule.Expr,
        promQL = rule.Expr,
        duration = rule.Duration,
        severity = rule.Severity,
        labels = rule.Labels,
        annotations = rule.Annotations,
        description = rule.Description,
        createAt = rule.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        updateAt = rule.UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>DCE's <c>RuleSummary</c>, as a group's rules are listed.</summary>
    public static object RuleSummary(AlertGroup group, AlertRule rule) => new
    {
        id = $"{group.Id}/{rule.Name}",
        name = rule.Name,
        groupId = group.Id.ToString(),
        groupName = group.Name,
        severity = rule.Severity,
        expr = rule.Expr,
        duration = rule.Duration,
        description = rule.Description,
        createAt = rule.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static object Page<T>(IReadOnlyList<T> items, int page, int pageSize, int total) => new
    {
        items,
        pagination = new { total, page, pageSize, pages = pageSize == 0 ? 0 : (total + pageSize - 1) / pageSize },
    };
}
