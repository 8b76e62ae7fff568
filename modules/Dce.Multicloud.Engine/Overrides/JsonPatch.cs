using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>The add, remove and replace operations of JSON Patch (RFC 6902) at a JSON pointer (RFC 6901).</summary>
internal static class JsonPatch
{
    public static void Apply(JsonObject document, string pointer, OverriderOperator op, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0)
        {
            throw new OverrideException($"The path '{pointer}' points at the whole manifest; point at a field, such as '/spec/replicas'.");
        }

        var parent = Resolve(document, tokens.Take(tokens.Count - 1), pointer);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (op != OverriderOperator.Add && !obj.ContainsKey(last))
                {
                    throw new OverrideException($"Cannot {Name(op)} '{pointer}': the manifest has no field '{last}' there; use 'add' to create it.");
                }

                if (op == OverriderOperator.Remove)
                {
                    obj.Remove(last);
                }
                else
                {
                    obj[last] = value?.DeepClone();
                }

                break;
            case JsonArray array:
                var appending = op == OverriderOperator.Add && last == "-";
                var index = appending ? array.Count : Index(last, pointer);
                var limit = op == OverriderOperator.Add ? array.Count : array.Count - 1;
                if (index > limit)
                {
                    throw new OverrideException($"Cannot {Name(op)} '{pointer}': the array there has {array.Count} items.");
                }

                if (op != OverriderOperator.Add)
                {
                    array.RemoveAt(index);
                }

                if (op != OverriderOperator.Remove)
                {
                    array.Insert(index, value?.DeepClone());
                }

                break;
            default:
                throw new OverrideException($"Cannot {Name(op)} '{pointer}': its parent is not an object or an array.");
        }
    }

    /// <summary>The node at a pointer, or an error naming the part that is missing.</summary>
    public static JsonNode? Get(JsonObject document, string pointer) => Resolve(document, Tokens(pointer), pointer);

    private static JsonNode? Resolve(JsonNode document, IEnumerable<string> tokens, string pointer)
    {
        JsonNode? node = document;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when Index(token, pointer) is var index && index < array.Count => array[index],
                _ => throw new OverrideException($"The path '{pointer}' does not exist in the manifest: nothing at '{token}'."),
            };
        }

        return node;
    }

    private static List<string> Tokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new OverrideException($"The path '{pointer}' is not a JSON pointer; start it with '/', such as '/spec/replicas'.");
        }

        return [.. pointer[1..].Split('/').Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static int Index(string token, string pointer) =>
        token.Length > 0 && token.All(char.IsAsciiDigit) && (token == "0" || token[0] != '0') && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new OverrideException($"The path '{pointer}' indexes an array with '{token}'; use a number such as '0'.");

    private static string Name(OverriderOperator op) => op.ToString().ToLowerInvariant();
}
