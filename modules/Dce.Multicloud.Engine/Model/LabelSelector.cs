namespace Dce.Multicloud.Engine.Model;

/// <summary>Kubernetes' <c>metav1.LabelSelector</c>: every <c>matchLabels</c> pair and every expression must hold.</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; init; } = [];
}
