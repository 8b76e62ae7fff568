using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Dce.AppHost.Publishing.Karmada;

/// <summary>Karmada's <c>policy.karmada.io/v1alpha1</c> group.</summary>
public static class KarmadaPolicyGroup
{
    /// <summary>The API group.</summary>
    public const string Group = "policy.karmada.io";

    /// <summary>The version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The apiVersion of the group's objects.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kinds of the group by <c>apiVersion/kind</c>, for <see cref="KubernetesYaml.LoadAllFromString"/>.</summary>
    public static Dictionary<string, Type> TypeMap { get; } = new(StringComparer.Ordinal)
    {
        [$"{ApiVersion}/{PropagationPolicy.KubeKind}"] = typeof(PropagationPolicy),
        [$"{ApiVersion}/{ClusterPropagationPolicy.KubeKind}"] = typeof(ClusterPropagationPolicy),
        [$"{ApiVersion}/{OverridePolicy.KubeKind}"] = typeof(OverridePolicy),
    };
}

/// <summary>Places namespaced resources on member clusters.</summary>
[KubernetesEntity(Group = KarmadaPolicyGroup.Group, Kind = KubeKind, ApiVersion = KarmadaPolicyGroup.Version, PluralName = "propagationpolicies")]
public sealed class PropagationPolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "PropagationPolicy";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KarmadaPolicyGroup.ApiVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What is placed, and where.</summary>
    [JsonPropertyName("spec")]
    public PropagationSpec Spec { get; set; } = new();
}

/// <summary>Places cluster-scoped (and any namespaced) resources on member clusters.</summary>
[KubernetesEntity(Group = KarmadaPolicyGroup.Group, Kind = KubeKind, ApiVersion = KarmadaPolicyGroup.Version, PluralName = "clusterpropagationpolicies")]
public sealed class ClusterPropagationPolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ClusterPropagationPolicy";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KarmadaPolicyGroup.ApiVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What is placed, and where.</summary>
    [JsonPropertyName("spec")]
    public PropagationSpec Spec { get; set; } = new();
}

/// <summary>Changes resources per member cluster as they are propagated.</summary>
[KubernetesEntity(Group = KarmadaPolicyGroup.Group, Kind = KubeKind, ApiVersion = KarmadaPolicyGroup.Version, PluralName = "overridepolicies")]
public sealed class OverridePolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "OverridePolicy";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KarmadaPolicyGroup.ApiVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What is changed, and on which clusters.</summary>
    [JsonPropertyName("spec")]
    public OverrideSpec Spec { get; set; } = new();
}
