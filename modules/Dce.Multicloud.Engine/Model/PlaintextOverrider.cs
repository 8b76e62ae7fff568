using System.Text.Json.Nodes;

namespace Dce.Multicloud.Engine.Model;

/// <summary>A JSON patch operation on any field: <see cref="Path"/> is a JSON pointer (RFC 6901).</summary>
public sealed record PlaintextOverrider
{
    public string Path { get; init; } = "";

    public OverriderOperator Operator { get; init; }

    public JsonNode? Value { get; init; }
}
