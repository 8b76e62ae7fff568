using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Patching;

/// <summary>
/// Strategic merge patch as <c>kubectl apply</c>, <c>set image</c> and <c>cordon</c> send it: maps merge,
/// keyed lists merge by their merge key, and the <c>$patch</c>, <c>$setElementOrder</c>,
/// <c>$deleteFromPrimitiveList</c> and <c>$retainKeys</c> directives are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private const string SetOrder = "$setElementOrder/";
    private const string DeletePrimitives = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject target, JsonNode? patch, string? fieldName = null)
    {
        if (patch is not JsonObject patchObject)
        {
            throw ApiException.BadRequest("strategic merge patch must be a JSON object");
        }
        return MergeMap(target, patchObject, fieldName);
    }

    private static JsonObject MergeMap(JsonObject target, JsonObject patch, string? fieldName)
    {
        switch (patch.Str("$patch"))
        {
            case "replace":
                var replaced = (JsonObject)patch.DeepClone();
                replaced.Remove("$patch");
                return replaced;
            case "delete":
                return [];
        }
        foreach (var (name, value) in patch)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject childPatch && childPatch.Str("$patch") == "delete")
            {
                target.Remove(name);
            }
            else if (value is JsonObject childMap)
            {
                target[name] = MergeMap(target[name] as JsonObject ?? [], childMap, name);
            }
            else if (value is JsonArray list)
            {
                target[name] = MergeList(target[name] as JsonArray, list, name, fieldName);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
        foreach (var (name, value) in patch.Where(p => p.Key.StartsWith(DeletePrimitives, StringComparison.Ordinal)).ToList())
        {
            var field = name[DeletePrimitives.Length..];
            if (target[field] is JsonArray existing && value is JsonArray removals)
            {
                var drop = removals.Select(r => r?.ToJsonString()).ToHashSet(StringComparer.Ordinal);
                target[field] = new JsonArray(existing.Where(e => !drop.Contains(e?.ToJsonString())).Select(e => e?.DeepClone()).ToArray());
            }
        }
        foreach (var (name, value) in patch.Where(p => p.Key.StartsWith(SetOrder, StringComparison.Ordinal)).ToList())
        {
            var field = name[SetOrder.Length..];
            if (target[field] is JsonArray merged && value is JsonArray order)
            {
                target[field] = Reorder(merged, order, PatchMergeKeys.For(field, fieldName));
            }
        }
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }
        return target;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string field, string? parentField)
    {
        if (patch.OfType<JsonObject>().Any(item => item.Str("$patch") == "replace"))
        {
            return new JsonArray(patch.Where(i => i is not JsonObject o || o.Str("$patch") != "replace").Select(i => i?.DeepClone()).ToArray());
        }
        var mergeKey = PatchMergeKeys.For(field, parentField);
        if (target is null)
        {
            return new JsonArray(patch.Where(i => i is not JsonObject o || o.Str("$patch") != "delete")
                .Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray());
        }
        if (PatchMergeKeys.MergesPrimitives(field))
        {
            var union = target.Select(i => i?.DeepClone()).ToList();
            foreach (var item in patch.Where(item => !union.Any(u => JsonNode.DeepEquals(u, item))))
            {
                union.Add(item?.DeepClone());
            }
            return new JsonArray(union.ToArray());
        }
        if (mergeKey is null)
        {
            return (JsonArray)patch.DeepClone();
        }
        var result = target.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey]?.ToJsonString();
            var index = result.FindIndex(r => r is JsonObject o && o[mergeKey]?.ToJsonString() == key);
            if (item.Str("$patch") == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = MergeMap((JsonObject)result[index]!, item, field);
            }
            else
            {
                result.Add(StripDirectives(item));
            }
        }
        return new JsonArray(result.ToArray());
    }

    private static JsonArray Reorder(JsonArray merged, JsonArray order, string? mergeKey)
    {
        string? KeyOf(JsonNode? node) => mergeKey is not null && node is JsonObject o ? o[mergeKey]?.ToJsonString() : node?.ToJsonString();
        var ranks = order.Select((item, i) => (Key: KeyOf(item), i)).Where(x => x.Key is not null)
            .GroupBy(x => x.Key!).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var sorted = merged.Select((item, i) => (item, rank: KeyOf(item) is { } k && ranks.TryGetValue(k, out var r) ? r : ranks.Count + i))
            .OrderBy(x => x.rank).Select(x => x.item?.DeepClone()).ToArray();
        return new JsonArray(sorted);
    }

    private static JsonObject StripDirectives(JsonObject item) => MergeMap([], item, null);
}
