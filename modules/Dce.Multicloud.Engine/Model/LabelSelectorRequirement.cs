namespace Dce.Multicloud.Engine.Model;

/// <summary>One <c>matchExpressions</c> entry of a label selector.</summary>
public sealed record LabelSelectorRequirement
{
    public string Key { get; init; } = "";

    public SelectorOperator Operator { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];
}
