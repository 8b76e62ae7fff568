using System.Text.Json.Nodes;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>JSON merge patch (RFC 7386) applied to a copy, so a patched policy is checked whole before it is written.</summary>
internal static class MergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = target.DeepClone().AsObject();
        Merge(result, patch);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
