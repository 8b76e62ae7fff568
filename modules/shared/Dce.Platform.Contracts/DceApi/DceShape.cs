using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dce.Platform.Contracts.DceApi;

/// <summary>
/// Writes an answer in the shape of DCE's schema, as DCE's own server does when it turns Kubernetes objects into its
/// protobuf messages: fields the message has are kept (recursively), others dropped; 64-bit numbers and timestamps are
/// strings (a timestamp in Unix seconds); an IntOrString is a string; an enum takes DCE's spelling of the value
/// (<c>Namespaced</c> is <c>NAMESPACED</c>) and is left out when DCE has no such value.
/// </summary>
public static class DceShape
{
    /// <summary>The value as DCE's <paramref name="schema"/> (of <paramref name="contract"/>) reads it; null when nothing of it fits.</summary>
    public static JsonNode? Project(JsonNode? value, JsonObject schema, DceContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Project(value, schema, contract, 0);
    }

    private static JsonNode? Project(JsonNode? value, JsonObject schema, DceContract contract, int depth)
    {
        if (value is null || depth > 64)
        {
            return null;
        }

        schema = contract.Resolve(schema);
        var type = schema["type"]?.GetValue<string>();
        if (schema["properties"] is JsonObject properties && value is JsonObject source)
        {
            var shaped = new JsonObject();
            foreach (var (name, propertySchema) in properties)
            {
                if (source[name] is { } field && Project(field, propertySchema!.AsObject(), contract, depth + 1) is { } projected)
                {
                    shaped[name] = projected;
                }
            }

            return shaped;
        }

        return type switch
        {
            "object" when schema["additionalProperties"] is JsonObject values && value is JsonObject map =>
                new JsonObject(map.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, Project(p.Value, values, contract, depth + 1)))),
            "object" => value is JsonObject ? value.DeepClone() : null,
            "array" when value is JsonArray array && schema["items"] is JsonObject items =>
                new JsonArray([.. array.Select(item => Project(item, items, contract, depth + 1)).Where(item => item is not null)]),
            "array" => null,
            "string" => Text(value, schema),
            "integer" or "number" => Number(value, type),
            "boolean" => value.GetValueKind() switch
            {
                JsonValueKind.True or JsonValueKind.False => value.DeepClone(),
                JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var flag) => JsonValue.Create(flag),
                _ => null,
            },
            _ => value.DeepClone(),
        };
    }

    private static JsonNode? Text(JsonNode value, JsonObject schema)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            JsonValueKind.Object or JsonValueKind.Array => value.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        if (schema["format"]?.GetValue<string>() is "int64" or "uint64" && !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            text = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                : null;
        }

        if (text is not null && schema["enum"] is JsonArray choices)
        {
            text = EnumValue(text, choices);
        }

        return text is null ? null : JsonValue.Create(text);
    }

    private static string? EnumValue(string text, JsonArray choices)
    {
        var names = choices.Select(c => c?.GetValue<string>()).OfType<string>().ToList();
        return names.Contains(text, StringComparer.Ordinal)
            ? text
            : names.FirstOrDefault(n => string.Equals(Plain(n), Plain(text), StringComparison.OrdinalIgnoreCase));

        static string Plain(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }

    private static JsonNode? Number(JsonNode value, string type) => value.GetValueKind() switch
    {
        // A value built from an int is not a long to TryGetValue<long>; its text tells whether it is integral.
        JsonValueKind.Number when type == "number" || long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => value.DeepClone(),
        JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        JsonValueKind.String when type == "number" && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
        _ => null,
    };
}
