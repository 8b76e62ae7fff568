using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace Dce.AppHost.Publishing.Kustomize;

/// <summary>A strategic-merge patch removing one object (<c>$patch: delete</c>).</summary>
public sealed class DeletionPatch : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Always <c>delete</c>.</summary>
    [JsonPropertyName("$patch")]
    [YamlMember(Alias = "$patch", ApplyNamingConventions = false)]
    public string Patch { get; set; } = "delete";

    /// <summary>Deletes the object <paramref name="kind"/>/<paramref name="name"/>.</summary>
    public static DeletionPatch Of(string apiVersion, string kind, string name) =>
        new() { ApiVersion = apiVersion, Kind = kind, Metadata = new V1ObjectMeta { Name = name } };
}
