namespace Dce.Multicloud.Engine.Model;

/// <summary>The part of Kubernetes' <c>metadata</c> the engine reads.</summary>
public sealed record ObjectMeta
{
    public string Name { get; init; } = "";

    public string? Namespace { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
