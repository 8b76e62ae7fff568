using System.Text.Json.Serialization;
using k8s;

namespace Dce.AppHost.Publishing.Kustomize;

/// <summary>A <c>kustomization.yaml</c> (kind Kustomization) or a component's (kind Component), with the fields the publisher writes.</summary>
public sealed class Kustomization : IKubernetesObject
{
    /// <summary>The API version of a kustomization.</summary>
    public const string KustomizationApiVersion = "kustomize.config.k8s.io/v1beta1";

    /// <summary>The API version of a component.</summary>
    public const string ComponentApiVersion = "kustomize.config.k8s.io/v1alpha1";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KustomizationApiVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Kustomization";

    /// <summary>The namespace set on every object.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Labels added to every object (without touching selectors).</summary>
    [JsonPropertyName("labels")]
    public IList<KustomizeLabels>? Labels { get; set; }

    /// <summary>Files and folders of objects.</summary>
    [JsonPropertyName("resources")]
    public IList<string>? Resources { get; set; }

    /// <summary>Components to include.</summary>
    [JsonPropertyName("components")]
    public IList<string>? Components { get; set; }

    /// <summary>Secrets generated from files.</summary>
    [JsonPropertyName("secretGenerator")]
    public IList<KustomizeGenerator>? SecretGenerator { get; set; }

    /// <summary>ConfigMaps generated from literals or files.</summary>
    [JsonPropertyName("configMapGenerator")]
    public IList<KustomizeGenerator>? ConfigMapGenerator { get; set; }

    /// <summary>Image name, registry and tag changes.</summary>
    [JsonPropertyName("images")]
    public IList<KustomizeImage>? Images { get; set; }

    /// <summary>Patches, each a file applied to the objects its target selects.</summary>
    [JsonPropertyName("patches")]
    public IList<KustomizePatch>? Patches { get; set; }

    /// <summary>A kustomization of <paramref name="resources"/>.</summary>
    public static Kustomization Of(params IEnumerable<string> resources) => new() { Resources = [.. resources] };

    /// <summary>A component.</summary>
    public static Kustomization Component() => new() { ApiVersion = ComponentApiVersion, Kind = "Component" };
}

/// <summary>Labels a kustomization adds.</summary>
public sealed class KustomizeLabels
{
    /// <summary>The labels.</summary>
    [JsonPropertyName("pairs")]
    public IDictionary<string, string> Pairs { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether selectors get them too (never: selectors must not change between releases).</summary>
    [JsonPropertyName("includeSelectors")]
    public bool IncludeSelectors { get; set; }
}

/// <summary>A Secret or ConfigMap generator.</summary>
public sealed class KustomizeGenerator
{
    /// <summary>The object's name (kustomize appends a content hash and rewrites references).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>create, merge or replace.</summary>
    [JsonPropertyName("behavior")]
    public string? Behavior { get; set; }

    /// <summary>Env files (<c>KEY=value</c> lines).</summary>
    [JsonPropertyName("envs")]
    public IList<string>? Envs { get; set; }

    /// <summary><c>KEY=value</c> literals.</summary>
    [JsonPropertyName("literals")]
    public IList<string>? Literals { get; set; }

    /// <summary>Generator options.</summary>
    [JsonPropertyName("options")]
    public KustomizeGeneratorOptions? Options { get; set; }
}

/// <summary>Options of a generator.</summary>
public sealed class KustomizeGeneratorOptions
{
    /// <summary>Keeps the plain name (needed when references to it are patched in by a component, which kustomize does not rename).</summary>
    [JsonPropertyName("disableNameSuffixHash")]
    public bool? DisableNameSuffixHash { get; set; }
}

/// <summary>An image change.</summary>
public sealed class KustomizeImage
{
    /// <summary>The image name as written in the base.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The new name (registry and repository).</summary>
    [JsonPropertyName("newName")]
    public string? NewName { get; set; }

    /// <summary>The new tag.</summary>
    [JsonPropertyName("newTag")]
    public string? NewTag { get; set; }
}

/// <summary>A patch file and the objects it applies to.</summary>
public sealed class KustomizePatch
{
    /// <summary>The patch file, relative to the kustomization.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    /// <summary>The objects patched.</summary>
    [JsonPropertyName("target")]
    public KustomizeTarget? Target { get; set; }
}

/// <summary>Selects objects to patch.</summary>
public sealed class KustomizeTarget
{
    /// <summary>The kind.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The name (a regular expression).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A label selector.</summary>
    [JsonPropertyName("labelSelector")]
    public string? LabelSelector { get; set; }
}
