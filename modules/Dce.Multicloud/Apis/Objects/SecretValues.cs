using System.Text.Json.Nodes;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>Secrets leave the API with their keys and without their values, on every path.</summary>
internal static class SecretValues
{
    public static JsonObject Hide(JsonObject item)
    {
        foreach (var field in new[] { "data", "stringData" })
        {
            if (item[field] is JsonObject values)
            {
                foreach (var key in values.Select(pair => pair.Key).ToList())
                {
                    values[key] = "";
                }
            }
        }

        if (item["metadata"]?["annotations"] is JsonObject annotations)
        {
            // kubectl apply keeps the whole object, values included, in this annotation.
            annotations.Remove("kubectl.kubernetes.io/last-applied-configuration");
        }

        return item;
    }
}
