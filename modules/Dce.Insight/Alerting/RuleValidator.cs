using System.Net;
using System.Text.RegularExpressions;
using Dce.Insight.Alerting.Apis;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Dce.Platform.Contracts.Authorization;

namespace Dce.Insight.Alerting;

/// <summary>Checks groups and rules before they are stored: names as Kubernetes names, durations, severities, and the PromQL run by the engine over the group's target.</summary>
public sealed partial class RuleValidator(MetricsStore store)
{
    /// <summary>The checks that need no engine: a problem to answer, or null.</summary>
    public static IResult? CheckGroupShape(GroupRequest request)
    {
        if (!IsName(request.Name))
        {
            return Problems.BadRequest("name", $"'{request.Name}' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(request.ClusterName))
        {
            return Problems.BadRequest("clusterName", "Give the cluster the group's rules watch in 'clusterName'.");
        }

        if (request.Namespace is { Length: > 0 } ns && !IsName(ns))
        {
            return Problems.BadRequest("namespace", $"'{ns}' is not a valid namespace name.");
        }

        var rules = request.Rules ?? [];
        var duplicate = rules.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Problems.BadRequest("rules", $"Two rules are named '{duplicate.Key}'; rule names must be unique in a group.");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            if (CheckRuleShape($"rules[{i}]", rules[i]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    public static IResult? CheckRuleShape(string field, RuleRequest rule)
    {
        if (!IsName(rule.Name))
        {
            return Problems.BadRequest($"{field}.name", $"'{rule.Name}' is not a valid rule name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(rule.Expr))
        {
            return Problems.BadRequest($"{field}.expr", "Give the rule's PromQL expression in 'expr'.");
        }

        if (rule.Duration is { Length: > 0 } duration && !DurationPattern().IsMatch(duration))
        {
            return Problems.BadRequest($"{field}.duration", $"'{duration}' is not a duration: use a number and a unit, e.g. 30s, 5m or 1h30m (units ms, s, m, h, d, w).");
        }

        if (rule.Severity is { Length: > 0 } severity && !AlertSeverities.All.Contains(severity.ToUpperInvariant()))
        {
            return Problems.BadRequest($"{field}.severity", $"'{severity}' is not a severity: use one of {string.Join(", ", AlertSeverities.All)}.");
        }

        foreach (var key in (rule.Labels ?? []).Keys.Concat((rule.Annotations ?? []).Keys))
        {
            if (!LabelNamePattern().IsMatch(key))
            {
                return Problems.BadRequest($"{field}.labels", $"'{key}' is not a label name: use letters, digits and '_', not starting with a digit.");
            }
        }

        return null;
    }

    /// <summary>Runs the expression over the target's series: the engine's message as 400 when it refuses it, 503 when it does not answer.</summary>
    public async Task<IResult?> CheckExpressionAsync(HttpContext http, string field, string expr, string cluster, string? ns)
    {
        var filters = ScopeFilters.For(new ClusterScope(true, [], []), cluster, ns) ?? [];
        try
        {
            var answer = await store.QueryAsync(expr, null, filters, http.RequestAborted);
            return answer.Error is null
                ? null
                : answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                    ? Problems.BadRequest(field, answer.Error)
                    : Problems.MetricsUnavailable(http);
        }
        catch (HttpRequestException)
        {
            return Problems.MetricsUnavailable(http);
        }
    }

    public static bool IsName(string? name) => name is { Length: > 0 and <= 63 } && NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d|w))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();
}
