using System.Text.Json.Nodes;

namespace Dce.KubeSim.Apply;

/// <summary>
/// Reads field sets out of objects, as structured-merge-diff does: the fields an applied configuration sets, and
/// what changed between two versions of an object (added, modified, removed).
/// </summary>
public static class FieldWalker
{
    /// <summary>The fields a configuration sets: leaves, atomic values, list items, empty objects and map entries.</summary>
    public static FieldSet Owned(JsonObject config, Type? model, FieldScope scope)
    {
        var set = new FieldSet();
        OwnedObject(config, model, true, scope, [], set);
        return set;
    }

    public static FieldComparison Compare(JsonObject before, JsonObject after, Type? model, FieldScope scope)
    {
        var comparison = new FieldComparison(new FieldSet(), new FieldSet(), new FieldSet());
        CompareObjects(before, after, model, true, scope, [], comparison);
        return comparison;
    }

    internal static bool Skipped(List<string> path, string field, bool root, FieldScope scope) =>
        (root && !scope.Tracks(field)) || (path.Count == 1 && path[0] == "f:metadata" && !FieldScope.TracksMetadata(field));

    private static void OwnedObject(JsonObject config, Type? model, bool root, FieldScope scope, List<string> path, FieldSet set)
    {
        foreach (var (field, value) in config)
        {
            if (Skipped(path, field, root, scope))
            {
                continue;
            }
            path.Add(FieldPath.Field(field));
            var type = FieldSchema.Child(model, field, root);
            if (value is null or JsonObject { Count: 0 } || FieldSchema.IsMap(model))
            {
                set.Insert(path);
            }
            OwnedValue(value, type, model, field, scope, path, set);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void OwnedValue(JsonNode? value, Type? type, Type? parent, string field, FieldScope scope, List<string> path, FieldSet set)
    {
        switch (value)
        {
            case JsonObject map when !FieldSchema.IsAtomicObject(type):
                OwnedObject(map, type, false, scope, path, set);
                break;
            case JsonArray list:
                var shape = FieldSchema.List(parent, field);
                if (shape.Elements(list) is not { } elements)
                {
                    set.Insert(path);
                    break;
                }
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(elements[i]);
                    set.Insert(path);
                    if (list[i] is JsonObject item)
                    {
                        OwnedObject(item, shape.Item, false, scope, path, set);
                    }
                    path.RemoveAt(path.Count - 1);
                }
                break;
            default:
                set.Insert(path);
                break;
        }
    }

    private static void CompareObjects(JsonObject before, JsonObject after, Type? model, bool root, FieldScope scope, List<string> path, FieldComparison comparison)
    {
        foreach (var field in before.Select(p => p.Key).Union(after.Select(p => p.Key)).ToList())
        {
            if (Skipped(path, field, root, scope))
            {
                continue;
            }
            path.Add(FieldPath.Field(field));
            var type = FieldSchema.Child(model, field, root);
            var inBefore = before.TryGetPropertyValue(field, out var old) && old is not null;
            var inAfter = after.TryGetPropertyValue(field, out var now) && now is not null;
            if (!inBefore && !inAfter)
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }
            if (inBefore && inAfter)
            {
                CompareValues(old, now, type, model, field, scope, path, comparison);
            }
            else
            {
                MarkAll(inAfter ? now : old, type, model, field, scope, path, inAfter ? comparison.Added : comparison.Removed);
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void CompareValues(JsonNode? old, JsonNode? now, Type? type, Type? parent, string field, FieldScope scope, List<string> path, FieldComparison comparison)
    {
        if (old is JsonObject oldMap && now is JsonObject newMap && !FieldSchema.IsAtomicObject(type))
        {
            CompareObjects(oldMap, newMap, type, false, scope, path, comparison);
            return;
        }
        if (old is JsonArray oldList && now is JsonArray newList)
        {
            var shape = FieldSchema.List(parent, field);
            if (shape.Elements(oldList) is { } oldElements && shape.Elements(newList) is { } newElements)
            {
                CompareItems(oldList, oldElements, newList, newElements, shape, scope, path, comparison);
                return;
            }
        }
        if (!JsonNode.DeepEquals(old, now))
        {
            comparison.Modified.Insert(path);
        }
    }

    private static void CompareItems(JsonArray oldList, string[] oldElements, JsonArray newList, string[] newElements, ListShape shape,
        FieldScope scope, List<string> path, FieldComparison comparison)
    {
        var oldIndex = oldElements.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i, StringComparer.Ordinal);
        var newIndex = newElements.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i, StringComparer.Ordinal);
        foreach (var element in oldElements.Union(newElements))
        {
            path.Add(element);
            var inOld = oldIndex.TryGetValue(element, out var o);
            var inNew = newIndex.TryGetValue(element, out var n);
            if (inOld && inNew)
            {
                if (oldList[o] is JsonObject oldItem && newList[n] is JsonObject newItem)
                {
                    CompareObjects(oldItem, newItem, shape.Item, false, scope, path, comparison);
                }
            }
            else
            {
                var target = inNew ? comparison.Added : comparison.Removed;
                target.Insert(path);
                if ((inNew ? newList[n] : oldList[o]) is JsonObject item)
                {
                    MarkObject(item, shape.Item, scope, path, target);
                }
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>Marks a whole value that appeared or disappeared: every node but the structs that only lead to fields.</summary>
    private static void MarkAll(JsonNode? value, Type? type, Type? parent, string field, FieldScope scope, List<string> path, FieldSet target)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map when !FieldSchema.IsAtomicObject(type):
                if (FieldSchema.IsMap(type) || FieldSchema.IsMap(parent))
                {
                    target.Insert(path);
                }
                MarkObject(map, type, scope, path, target);
                break;
            case JsonArray list when FieldSchema.List(parent, field) is var shape && shape.Elements(list) is { } elements:
                target.Insert(path);
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(elements[i]);
                    target.Insert(path);
                    if (list[i] is JsonObject item)
                    {
                        MarkObject(item, shape.Item, scope, path, target);
                    }
                    path.RemoveAt(path.Count - 1);
                }
                break;
            default:
                target.Insert(path);
                break;
        }
    }

    private static void MarkObject(JsonObject map, Type? type, FieldScope scope, List<string> path, FieldSet target)
    {
        foreach (var (field, child) in map)
        {
            if (child is null || Skipped(path, field, false, scope))
            {
                continue;
            }
            path.Add(FieldPath.Field(field));
            MarkAll(child, FieldSchema.Child(type, field, false), type, field, scope, path, target);
            path.RemoveAt(path.Count - 1);
        }
    }
}

/// <summary>What a write changed, as sets of field paths.</summary>
public sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public FieldSet Changed => Added.Union(Modified);
}
