using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dce.Console.Components.Pages.Resources;

/// <summary>An object as the platform answered it, made ready to be read and sent back as YAML.</summary>
public static class ClusterObject
{
    /// <summary>
    /// Without what the platform adds or keeps for itself: DCE's <c>metadata.cluster</c> (no Kubernetes field, which the
    /// cluster would refuse) and the managed fields (long, and never edited by hand).
    /// </summary>
    public static JsonElement Editable(JsonElement answered)
    {
        if (JsonNode.Parse(answered.GetRawText()) is not JsonObject copy)
        {
            return answered;
        }

        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("cluster");
            metadata.Remove("managedFields");
        }

        return JsonSerializer.SerializeToElement(copy);
    }
}
