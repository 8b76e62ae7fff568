using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Selectors;

/// <summary>Kubernetes' label selector semantics: <c>NotIn</c> and <c>DoesNotExist</c> hold when the key is absent.</summary>
public static class LabelSelectorMatcher
{
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        selector.MatchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
        && selector.MatchExpressions.All(requirement => Holds(requirement.Operator, labels.TryGetValue(requirement.Key, out var value) ? value : null, requirement.Values));

    /// <summary>One expression against the value found under its key (null when the key is absent).</summary>
    public static bool Holds(SelectorOperator op, string? value, IReadOnlyList<string> values) => op switch
    {
        SelectorOperator.In => value is not null && values.Contains(value),
        SelectorOperator.NotIn => value is null || !values.Contains(value),
        SelectorOperator.Exists => value is not null,
        SelectorOperator.DoesNotExist => value is null,
        _ => false,
    };
}
