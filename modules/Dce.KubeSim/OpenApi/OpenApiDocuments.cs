using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.OpenApi;

/// <summary>
/// The OpenAPI v3 documents at <c>/openapi/v3</c>: kubectl reads them to validate fields on the server
/// (the <c>fieldValidation</c> parameter) and to compute strategic merge patches.
/// </summary>
public static class OpenApiDocuments
{
    private static readonly ConcurrentDictionary<string, byte[]> BuiltinCache = new(StringComparer.Ordinal);

    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in catalog.GroupVersions)
        {
            var key = PathKey(groupVersion);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(catalog, groupVersion)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The JSON document of <paramref name="key"/> (<c>api/v1</c>, <c>apis/apps/v1</c>); built-in ones are built once.</summary>
    public static byte[] Document(ResourceCatalog catalog, string key)
    {
        var groupVersion = key.StartsWith("api/", StringComparison.Ordinal) ? key[4..] : key.StartsWith("apis/", StringComparison.Ordinal) ? key[5..] : null;
        var types = catalog.All.Where(t => t.GroupVersion == groupVersion).ToList();
        if (types.Count == 0)
        {
            throw ApiException.NoResource();
        }
        if (types.TrueForAll(t => !t.IsCustom))
        {
            return BuiltinCache.GetOrAdd(groupVersion!, _ => Json.ToBytes(Build(types)));
        }
        return Json.ToBytes(Build(types));
    }

    private static string PathKey(string groupVersion) => groupVersion.Contains('/', StringComparison.Ordinal) ? "apis/" + groupVersion : "api/" + groupVersion;

    private static string Hash(ResourceCatalog catalog, string groupVersion) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join(",", catalog.All.Where(t => t.GroupVersion == groupVersion).Select(t => t.Plural + (t.CustomSchema?.ToJsonString() ?? ""))))))[..16];

    private static JsonObject Build(IReadOnlyList<ResourceType> types)
    {
        var builder = new SchemaBuilder();
        var paths = new JsonObject();
        foreach (var type in types)
        {
            var schemaRef = SchemaFor(builder, type);
            var prefix = "/" + PathKey(type.GroupVersion) + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            if (type.Virtual)
            {
                paths[prefix] = CreateOnly(Operations.Collection(type, schemaRef));
                continue;
            }
            paths[prefix] = Operations.Collection(type, schemaRef);
            paths[prefix + "/{name}"] = Operations.Item(type, schemaRef);
            if (type.HasStatus)
            {
                paths[prefix + "/{name}/status"] = Operations.Item(type, schemaRef.DeepClone().AsObject(), subresource: true);
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.2" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = builder.Schemas },
        };
    }

    private static JsonObject CreateOnly(JsonObject collection)
    {
        collection.Remove("get");
        collection.Remove("delete");
        return collection;
    }

    private static JsonObject SchemaFor(SchemaBuilder builder, ResourceType type)
    {
        if (type.ModelType is { } model && model != typeof(object))
        {
            builder.MarkKind(model, type);
            return builder.Reference(model);
        }
        var name = $"{type.Group}.{type.Version}.{type.Kind}";
        var schema = type.CustomSchema?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(SchemaBuilder.Gvk(type));
        var properties = schema.Obj("properties");
        properties["metadata"] = new JsonObject { ["allOf"] = new JsonArray(builder.Reference(typeof(k8s.Models.V1ObjectMeta))) };
        properties["apiVersion"] ??= new JsonObject { ["type"] = "string" };
        properties["kind"] ??= new JsonObject { ["type"] = "string" };
        builder.Schemas[name] = schema;
        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }
}
