using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Patching;
using k8s.Models;

namespace Dce.KubeSim.Apply;

/// <summary>
/// What the Kubernetes schema says about a position in an object, read from the KubernetesClient models: which
/// objects are atomic, which maps are string-keyed, and how list items are identified. Without a model (custom
/// resources) objects are granular and lists atomic, as for a CRD without list annotations.
/// </summary>
public static class FieldSchema
{
    private static readonly HashSet<string> AtomicModels = new(StringComparer.Ordinal)
    {
        nameof(V1LabelSelector), nameof(V1LocalObjectReference), nameof(V1ConfigMapKeySelector), nameof(V1SecretKeySelector),
        nameof(V1ObjectFieldSelector), nameof(V1ResourceFieldSelector), nameof(V1NodeSelector), nameof(V1ObjectReference),
        nameof(V1TypedLocalObjectReference),
    };

    /// <summary>The model of a field of <paramref name="parent"/>; every object's metadata is an ObjectMeta.</summary>
    public static Type? Child(Type? parent, string field, bool root)
    {
        if (root && field == "metadata")
        {
            return typeof(V1ObjectMeta);
        }
        if (parent is null)
        {
            return null;
        }
        if (ModelInfo.DictionaryValue(parent) is { } value)
        {
            return value;
        }
        return ModelInfo.ShapeOf(parent) == WireShape.Object && ModelInfo.Properties(parent).TryGetValue(field, out var type)
            ? Nullable.GetUnderlyingType(type) ?? type
            : null;
    }

    public static bool IsMap(Type? type) => type is not null && ModelInfo.ShapeOf(type) == WireShape.Map;

    public static bool IsAtomicObject(Type? type) => type is not null && AtomicModels.Contains(type.Name);

    /// <summary>A struct whose own path is no member when it is only a way to its fields.</summary>
    public static bool IsStruct(Type? type) => !IsMap(type) && !IsAtomicObject(type);

    public static ListShape List(Type? parent, string field)
    {
        var listType = Child(parent, field, false);
        var item = listType is null ? null : ModelInfo.ListItem(listType);
        if (parent is null || item is null)
        {
            return ListShape.Atomic;
        }
        if (parent == typeof(V1ObjectMeta) && field == "finalizers")
        {
            return new ListShape(ListKind.Set, [], item);
        }
        if (PatchMergeKeys.ForModel(parent.Name, field) is { Key: { } key } && ModelInfo.ShapeOf(item) == WireShape.Object)
        {
            return new ListShape(ListKind.Map, KeysOf(parent.Name, field, key), item);
        }
        return ListShape.Atomic;
    }

    private static string[] KeysOf(string model, string field, string mergeKey) => (model, field) switch
    {
        ("V1Container" or "V1EphemeralContainer", "ports") => ["containerPort", "protocol"],
        ("V1ServiceSpec", "ports") => ["port", "protocol"],
        ("V1PodSpec", "topologySpreadConstraints") => ["topologyKey", "whenUnsatisfiable"],
        _ => [mergeKey],
    };
}

public enum ListKind
{
    Atomic,
    Set,
    Map,
}

/// <summary>How a list's items are told apart: not at all (atomic), by value (set) or by key fields (map).</summary>
public sealed record ListShape(ListKind Kind, IReadOnlyList<string> Keys, Type? Item)
{
    public static ListShape Atomic { get; } = new(ListKind.Atomic, [], null);

    /// <summary>The path element of each item, or null when the items cannot be told apart and the list is atomic after all.</summary>
    public string[]? Elements(JsonArray list)
    {
        if (Kind == ListKind.Atomic)
        {
            return null;
        }
        var elements = new string[list.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var element = Kind == ListKind.Set ? SetElement(list[i]) : MapElement(list[i]);
            if (element is null || !seen.Add(element))
            {
                return null;
            }
            elements[i] = element;
        }
        return elements;
    }

    /// <summary>The item of <paramref name="list"/> that <paramref name="element"/> names.</summary>
    public int IndexOf(JsonArray list, string element)
    {
        var elements = Elements(list);
        return elements is null ? -1 : Array.IndexOf(elements, element);
    }

    private static string? SetElement(JsonNode? item) => item is JsonValue ? FieldPath.Value(item) : null;

    private string? MapElement(JsonNode? item)
    {
        if (item is not JsonObject fields)
        {
            return null;
        }
        var keys = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var key in Keys)
        {
            var value = fields[key] ?? (key == "protocol" ? JsonValue.Create("TCP") : null);
            if (value is null)
            {
                if (Keys.Count > 1)
                {
                    continue;
                }
                return null;
            }
            keys.Add(new(key, value));
        }
        return keys.Count == 0 ? null : FieldPath.Key(keys);
    }
}
