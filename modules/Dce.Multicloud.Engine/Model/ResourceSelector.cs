namespace Dce.Multicloud.Engine.Model;

/// <summary>Which resource templates a policy selects: by API version and kind, then optionally namespace, name or labels.</summary>
public sealed record ResourceSelector
{
    public string ApiVersion { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public LabelSelector? LabelSelector { get; init; }
}
