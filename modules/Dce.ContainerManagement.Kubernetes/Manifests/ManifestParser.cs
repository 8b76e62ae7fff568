using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Reads every object of a manifest: YAML documents through <c>KubernetesYaml</c> (strict, unknown fields refused),
/// JSON objects, arrays and <c>List</c> kinds through <c>KubernetesJson</c>. Throws on the first malformed document, and
/// <see cref="ManifestShapeException"/> beyond <see cref="ManifestLimits"/> or on YAML anchors and aliases.
/// </summary>
internal static class ManifestParser
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string content)
    {
        var trimmed = content.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') ? ParseJson(trimmed) : ParseYaml(content);
    }

    private static List<IKubernetesObject<V1ObjectMeta>> ParseYaml(string content)
    {
        if (ManifestShape.ProblemOf(content) is { } problem)
        {
            throw new ManifestShapeException(problem);
        }

        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var document in KubernetesYaml.LoadAllFromString(content, strict: true))
        {
            if (document is null)
            {
                continue;
            }

            objects.Add(document as IKubernetesObject<V1ObjectMeta>
                ?? throw new NotSupportedException($"{document.GetType().Name} is not an object with metadata"));
        }

        return objects;
    }

    private static List<IKubernetesObject<V1ObjectMeta>> ParseJson(string content)
    {
        var root = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { MaxDepth = ManifestLimits.MaxDepth }) ?? throw new System.Text.Json.JsonException("the manifest is empty");
        var items = root switch
        {
            JsonArray array => array.ToList(),
            JsonObject list when (list["kind"]?.GetValue<string>() ?? "").EndsWith("List", StringComparison.Ordinal)
                && list["items"] is JsonArray listItems => listItems.ToList(),
            _ => [root],
        };
        if (items.Count > ManifestLimits.MaxDocuments)
        {
            throw new ManifestShapeException($"the manifest holds more than {ManifestLimits.MaxDocuments} documents; split it into several manifests.");
        }

        return items.Select(item =>
        {
            var apiVersion = item?["apiVersion"]?.GetValue<string>();
            var kind = item?["kind"]?.GetValue<string>();
            var resource = ManifestResources.ForKind(apiVersion, kind)
                ?? throw new NotSupportedException($"kind {kind ?? "(missing)"} of apiVersion {apiVersion ?? "(missing)"} is not supported");
            return resource.FromJson(item!.ToJsonString());
        }).ToList();
    }
}
