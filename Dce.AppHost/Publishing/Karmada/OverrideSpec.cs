using System.Text.Json.Serialization;

namespace Dce.AppHost.Publishing.Karmada;

/// <summary>The spec of an OverridePolicy.</summary>
public sealed class OverrideSpec
{
    /// <summary>The resources changed.</summary>
    [JsonPropertyName("resourceSelectors")]
    public IList<ResourceSelector> ResourceSelectors { get; set; } = [];

    /// <summary>Changes per set of clusters.</summary>
    [JsonPropertyName("overrideRules")]
    public IList<RuleWithCluster> OverrideRules { get; set; } = [];
}

/// <summary>Changes applied on some clusters.</summary>
public sealed class RuleWithCluster
{
    /// <summary>The clusters.</summary>
    [JsonPropertyName("targetCluster")]
    public ClusterAffinity TargetCluster { get; set; } = new();

    /// <summary>The changes.</summary>
    [JsonPropertyName("overriders")]
    public Overriders Overriders { get; set; } = new();
}

/// <summary>The kinds of change.</summary>
public sealed class Overriders
{
    /// <summary>Image changes.</summary>
    [JsonPropertyName("imageOverrider")]
    public IList<ImageOverrider>? ImageOverrider { get; set; }

    /// <summary>JSON-patch-like changes.</summary>
    [JsonPropertyName("plaintext")]
    public IList<PlaintextOverrider>? Plaintext { get; set; }
}

/// <summary>Changes one component (Registry, Repository or Tag) of every image.</summary>
public sealed class ImageOverrider
{
    /// <summary>Registry, Repository or Tag.</summary>
    [JsonPropertyName("component")]
    public string Component { get; set; } = "Registry";

    /// <summary>add, remove or replace.</summary>
    [JsonPropertyName("operator")]
    public string Operator { get; set; } = "replace";

    /// <summary>The new value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

/// <summary>A change at a JSON pointer.</summary>
public sealed class PlaintextOverrider
{
    /// <summary>The JSON pointer.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>add, remove or replace.</summary>
    [JsonPropertyName("operator")]
    public string Operator { get; set; } = "add";

    /// <summary>The value.</summary>
    [JsonPropertyName("value")]
    public object? Value { get; set; }
}
