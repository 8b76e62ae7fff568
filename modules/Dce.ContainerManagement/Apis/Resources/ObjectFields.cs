using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// Reads an object's metadata as lists filter and sort by it: a string value is taken as it is, without writing it
/// out as JSON first, which is what makes a list of ten thousand objects cheap to order.
/// </summary>
public static class ObjectFields
{
    public static string Metadata(JsonObject item, string field) => Text(item["metadata"]?[field]);

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToString(),
    };
}
