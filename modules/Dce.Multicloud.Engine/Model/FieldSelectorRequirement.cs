namespace Dce.Multicloud.Engine.Model;

/// <summary>One expression on a cluster field; <see cref="Key"/> is <c>provider</c>, <c>region</c> or <c>zone</c>.</summary>
public sealed record FieldSelectorRequirement
{
    public const string ProviderField = "provider";
    public const string RegionField = "region";
    public const string ZoneField = "zone";

    public string Key { get; init; } = "";

    public SelectorOperator Operator { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];
}
