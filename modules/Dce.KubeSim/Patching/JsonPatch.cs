using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json patch must be an array of operations");
        }
        foreach (var operation in operations)
        {
            var op = operation.Str("op") ?? throw ApiException.BadRequest("json patch operation has no 'op'");
            var path = operation.Str("path") ?? throw ApiException.BadRequest("json patch operation has no 'path'");
            var value = operation?["value"];
            switch (op)
            {
                case "add":
                    target = Add(target, path, value?.DeepClone());
                    break;
                case "remove":
                    Remove(target, path);
                    break;
                case "replace":
                    Remove(target, path);
                    target = Add(target, path, value?.DeepClone());
                    break;
                case "move":
                    var moved = Find(target, operation.Str("from") ?? "")?.DeepClone();
                    Remove(target, operation.Str("from") ?? "");
                    target = Add(target, path, moved);
                    break;
                case "copy":
                    target = Add(target, path, Find(target, operation.Str("from") ?? "")?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(target, path), value))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: test failed at {path}");
                    }
                    break;
                default:
                    throw ApiException.BadRequest($"unknown json patch operation \"{op}\"");
            }
        }
        return target;
    }

    private static string[] Tokens(string pointer) => pointer.Length == 0
        ? []
        : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Find(JsonNode? node, string pointer)
    {
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Missing(pointer),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode root, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("cannot replace the whole object with null");
        }
        var parent = Find(root, Parent(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Missing(pointer);
        }
        return root;
    }

    private static void Remove(JsonNode root, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            throw Missing(pointer);
        }
        var parent = Find(root, Parent(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static string Parent(string[] tokens) => tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiException Missing(string pointer) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: path {pointer} does not exist");
}
