namespace Dce.Multicloud.Engine.Model;

/// <summary>Adds, replaces or removes labels or annotations of the resource itself.</summary>
public sealed record LabelAnnotationOverrider
{
    public OverriderOperator Operator { get; init; }

    public IReadOnlyDictionary<string, string> Value { get; init; } = new Dictionary<string, string>();
}
