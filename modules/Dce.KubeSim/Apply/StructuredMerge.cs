using System.Text.Json.Nodes;

namespace Dce.KubeSim.Apply;

/// <summary>
/// Merges an applied configuration into the live object as server-side apply does: objects field by field,
/// associative lists item by item on their keys, sets as unions, atomic values replaced; and removes fields by path.
/// </summary>
public static class StructuredMerge
{
    public static JsonObject Merge(JsonObject live, JsonObject config, Type? model)
    {
        var merged = live.DeepClone().AsObject();
        MergeObject(merged, config, model, true);
        return merged;
    }

    private static void MergeObject(JsonObject target, JsonObject config, Type? model, bool root)
    {
        foreach (var (field, value) in config)
        {
            var type = FieldSchema.Child(model, field, root);
            if (value is null)
            {
                target.Remove(field);
            }
            else if (value is JsonObject map && target[field] is JsonObject existing && !FieldSchema.IsAtomicObject(type))
            {
                MergeObject(existing, map, type, false);
            }
            else if (value is JsonArray list && target[field] is JsonArray current)
            {
                target[field] = MergeList(current, list, FieldSchema.List(model, field));
            }
            else
            {
                target[field] = value.DeepClone();
            }
        }
    }

    private static JsonArray MergeList(JsonArray live, JsonArray config, ListShape shape)
    {
        if (shape.Elements(live) is not { } liveElements || shape.Elements(config) is not { } configElements)
        {
            return config.DeepClone().AsArray();
        }
        var items = live.Select(i => i?.DeepClone()).ToList();
        var elements = liveElements.ToList();
        for (var i = 0; i < config.Count; i++)
        {
            var index = elements.IndexOf(configElements[i]);
            if (index < 0)
            {
                items.Add(config[i]?.DeepClone());
                elements.Add(configElements[i]);
            }
            else if (items[index] is JsonObject item && config[i] is JsonObject changes)
            {
                MergeObject(item, changes, shape.Item, false);
            }
        }
        return new JsonArray(items.ToArray());
    }

    /// <summary>Removes the field a path names, and the maps and lists the removal leaves empty.</summary>
    public static void Remove(JsonObject obj, IReadOnlyList<string> path, Type? model)
    {
        RemoveFrom(obj, path, 0, model, null, null, true);
    }

    private static bool RemoveFrom(JsonNode? node, IReadOnlyList<string> path, int depth, Type? model, Type? parent, string? field, bool root)
    {
        var element = path[depth];
        var last = depth == path.Count - 1;
        switch (node)
        {
            case JsonObject map when element.StartsWith("f:", StringComparison.Ordinal):
                var name = element[2..];
                if (!map.ContainsKey(name))
                {
                    return false;
                }
                if (last || RemoveFrom(map[name], path, depth + 1, FieldSchema.Child(model, name, root), model, name, false))
                {
                    map.Remove(name);
                }
                return map.Count == 0 && !root && FieldSchema.IsMap(model);
            case JsonArray list:
                var shape = FieldSchema.List(parent, field ?? "");
                var index = shape.IndexOf(list, element);
                if (index < 0)
                {
                    return false;
                }
                if (last || RemoveFrom(list[index], path, depth + 1, shape.Item, null, null, false))
                {
                    list.RemoveAt(index);
                }
                return list.Count == 0;
            default:
                return false;
        }
    }
}
