using System.Text.Json.Nodes;

namespace Dce.Kubernetes.Printing;

/// <summary>Reading the fields of an object as a printer does: a missing step anywhere on the path is null.</summary>
internal static class JsonPaths
{
    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(this JsonNode? node, string name)
    {
        if (node is not JsonObject o || o[name] is not JsonValue v)
        {
            return null;
        }

        return v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : v.TryGetValue<double>(out var d) ? (long)d : null;
    }

    public static JsonNode? At(this JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    public static string? StrAt(this JsonNode? node, string dottedPath) =>
        node.At(dottedPath) is JsonValue v ? v.ToString() : null;
}
