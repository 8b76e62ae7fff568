using System.Text.Json.Nodes;

namespace Dce.Multicloud.Engine.Model;

/// <summary>The identity of a resource template that policies select.</summary>
public sealed record ResourceTemplate
{
    public string ApiVersion { get; init; } = "";

    public string Kind { get; init; } = "";

    /// <summary>Null for a cluster-scoped resource.</summary>
    public string? Namespace { get; init; }

    public string Name { get; init; } = "";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The identity of a manifest: its apiVersion, kind, metadata.namespace, metadata.name and metadata.labels.</summary>
    public static ResourceTemplate FromManifest(JsonObject manifest)
    {
        var metadata = manifest["metadata"] as JsonObject;
        var labels = (metadata?["labels"] as JsonObject)?
            .Where(label => label.Value is JsonValue)
            .ToDictionary(label => label.Key, label => label.Value!.GetValue<string>(), StringComparer.Ordinal);
        return new ResourceTemplate
        {
            ApiVersion = manifest["apiVersion"]?.GetValue<string>() ?? "",
            Kind = manifest["kind"]?.GetValue<string>() ?? "",
            Namespace = metadata?["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null,
            Name = metadata?["name"]?.GetValue<string>() ?? "",
            Labels = labels ?? new Dictionary<string, string>(),
        };
    }
}
