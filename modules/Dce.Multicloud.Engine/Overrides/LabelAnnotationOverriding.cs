using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>Adds, replaces or removes the resource's own labels or annotations.</summary>
internal static class LabelAnnotationOverriding
{
    /// <summary>Applies the overriders to <c>metadata.labels</c> or <c>metadata.annotations</c> (<paramref name="field"/>).</summary>
    public static void Apply(JsonObject manifest, string field, IReadOnlyList<LabelAnnotationOverrider> overriders)
    {
        foreach (var overrider in overriders)
        {
            var metadata = manifest["metadata"] as JsonObject ?? throw new OverrideException($"The manifest has no metadata to override {field} in.");
            var map = metadata[field] as JsonObject;
            foreach (var (key, value) in overrider.Value.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                switch (overrider.Operator)
                {
                    case OverriderOperator.Add:
                        map ??= (JsonObject)(metadata[field] = new JsonObject());
                        map[key] = value;
                        break;
                    // Replace and remove touch only keys that exist, as Karmada does.
                    case OverriderOperator.Replace when map?.ContainsKey(key) == true:
                        map[key] = value;
                        break;
                    case OverriderOperator.Remove:
                        map?.Remove(key);
                        break;
                }
            }
        }
    }
}
