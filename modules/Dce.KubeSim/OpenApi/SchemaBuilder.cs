using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Patching;
using k8s.Models;

namespace Dce.KubeSim.OpenApi;

/// <summary>
/// Builds OpenAPI v3 component schemas from KubernetesClient model types by reflection, with the
/// patch strategy and merge key extensions kubectl reads to compute strategic merge patches.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly JsonObject schemas = [];

    public JsonObject Schemas => schemas;

    public static string NameOf(Type type) => type.Name;

    /// <summary>Adds the schema of a model and everything it references; returns a reference to it.</summary>
    public JsonObject Reference(Type type)
    {
        var name = NameOf(type);
        if (!schemas.ContainsKey(name))
        {
            var properties = new JsonObject();
            var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
            schemas[name] = schema;
            foreach (var (property, propertyType) in ModelInfo.Properties(type))
            {
                var propertySchema = For(propertyType);
                if (PatchMergeKeys.ForModel(name, property) is var (strategy, key))
                {
                    propertySchema["x-kubernetes-patch-strategy"] = strategy;
                    if (key is not null)
                    {
                        propertySchema["x-kubernetes-patch-merge-key"] = key;
                    }
                }
                properties[property] = propertySchema;
            }
        }
        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    public void MarkKind(Type type, ResourceType resource)
    {
        Reference(type);
        ((JsonObject)schemas[NameOf(type)]!)["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(resource));
    }

    public static JsonObject Gvk(ResourceType resource) => new()
    {
        ["group"] = resource.Group, ["kind"] = resource.Kind, ["version"] = resource.Version,
    };

    private JsonObject For(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return ModelInfo.ShapeOf(underlying) switch
        {
            WireShape.String when underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) => new() { ["type"] = "string", ["format"] = "date-time" },
            WireShape.String when underlying == typeof(byte[]) => new() { ["type"] = "string", ["format"] = "byte" },
            WireShape.String => new() { ["type"] = "string" },
            WireShape.Boolean => new() { ["type"] = "boolean" },
            WireShape.Number when underlying == typeof(double) || underlying == typeof(float) => new() { ["type"] = "number", ["format"] = "double" },
            WireShape.Number => new() { ["type"] = "integer", ["format"] = underlying == typeof(long) ? "int64" : "int32" },
            WireShape.StringOrNumber when underlying == typeof(IntOrString) => new() { ["x-kubernetes-int-or-string"] = true },
            WireShape.StringOrNumber => new() { ["type"] = "string" },
            WireShape.Map => new() { ["type"] = "object", ["additionalProperties"] = For(ModelInfo.DictionaryValue(underlying)!) },
            WireShape.Array => new() { ["type"] = "array", ["items"] = For(ModelInfo.ListItem(underlying)!) },
            WireShape.Object => new() { ["allOf"] = new JsonArray(Reference(underlying)) },
            _ => new() { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        };
    }
}
