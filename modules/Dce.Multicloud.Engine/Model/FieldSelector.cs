namespace Dce.Multicloud.Engine.Model;

/// <summary>Selects clusters by their <c>provider</c>, <c>region</c> or <c>zone</c> fields.</summary>
public sealed record FieldSelector
{
    public IReadOnlyList<FieldSelectorRequirement> MatchExpressions { get; init; } = [];
}
