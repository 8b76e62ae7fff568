using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>Whether a member's object still says everything the desired manifest says (the server may have added defaults).</summary>
public static class JsonSubset
{
    public static bool Contains(JsonNode? actual, JsonNode? desired) => desired switch
    {
        null => true,
        JsonObject wanted => actual is JsonObject found && wanted.All(field => Contains(found[field.Key], field.Value)),
        JsonArray wanted => actual is JsonArray found && found.Count == wanted.Count && wanted.Select((item, index) => Contains(found[index], item)).All(same => same),
        _ => actual is JsonValue && SameValue(actual, desired),
    };

    // Numbers the server echoes as 1.0 or "1" for quantities compare by text.
    private static bool SameValue(JsonNode actual, JsonNode desired) =>
        JsonNode.DeepEquals(actual, desired) || actual.ToJsonString().Trim('"') == desired.ToJsonString().Trim('"');
}
