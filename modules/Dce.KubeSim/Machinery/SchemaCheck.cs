using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// Checks a request body against the KubernetesClient model of its kind, as the API server's decoder does:
/// a value of the wrong type is a 400, an unknown field is a 400 under strict field validation and is dropped otherwise.
/// </summary>
public static class SchemaCheck
{
    public static IReadOnlyList<string> Check(ResourceType type, JsonObject body, bool strict)
    {
        if (type.ModelType is null || type.ModelType == typeof(object))
        {
            return [];
        }
        var unknown = new List<string>();
        Walk(type, body, type.ModelType, "", unknown);
        if (strict && unknown.Count > 0)
        {
            throw ApiException.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }
        return unknown;
    }

    private static void Walk(ResourceType type, JsonObject node, Type model, string path, List<string> unknown)
    {
        var properties = ModelInfo.Properties(model);
        foreach (var (name, value) in node.ToList())
        {
            var fieldPath = path.Length == 0 ? name : path + "." + name;
            if (!properties.TryGetValue(name, out var propertyType))
            {
                unknown.Add(fieldPath);
                node.Remove(name);
                continue;
            }
            CheckValue(type, value, propertyType, fieldPath, unknown);
        }
    }

    private static void CheckValue(ResourceType type, JsonNode? value, Type propertyType, string path, List<string> unknown)
    {
        if (value is null)
        {
            return;
        }
        var kind = value.GetValueKind();
        var shape = ModelInfo.ShapeOf(propertyType);
        var ok = shape switch
        {
            WireShape.String => kind == JsonValueKind.String,
            WireShape.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            WireShape.Number => kind == JsonValueKind.Number,
            WireShape.StringOrNumber => kind is JsonValueKind.String or JsonValueKind.Number,
            WireShape.Map or WireShape.Object => kind == JsonValueKind.Object,
            WireShape.Array => kind == JsonValueKind.Array,
            _ => true,
        };
        if (!ok)
        {
            throw ApiException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {Describe(kind)} into Go struct field {path} of type {GoType(shape)}");
        }
        var underlying = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        switch (shape)
        {
            case WireShape.Object:
                Walk(type, (JsonObject)value, underlying, path, unknown);
                break;
            case WireShape.Array:
                var item = ModelInfo.ListItem(underlying)!;
                foreach (var element in value.AsArray())
                {
                    CheckValue(type, element, item, path, unknown);
                }
                break;
            case WireShape.Map:
                var mapValue = ModelInfo.DictionaryValue(underlying)!;
                foreach (var (_, entry) in value.AsObject())
                {
                    CheckValue(type, entry, mapValue, path, unknown);
                }
                break;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "bool",
    };

    private static string GoType(WireShape shape) => shape switch
    {
        WireShape.String => "string",
        WireShape.Boolean => "bool",
        WireShape.Number => "int32",
        WireShape.Array => "[]",
        WireShape.Map => "map[string]",
        _ => "struct",
    };
}
