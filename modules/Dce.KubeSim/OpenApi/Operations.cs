using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.OpenApi;

/// <summary>The path items of one resource, each operation tagged with its group/version/kind and action.</summary>
public static class Operations
{
    public static JsonObject Collection(ResourceType type, JsonObject schemaRef) => new()
    {
        ["get"] = Operation(type, "list", schemaRef, ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch", "allowWatchBookmarks", "timeoutSeconds"]),
        ["post"] = Operation(type, "post", schemaRef, ["dryRun", "fieldManager", "fieldValidation"], Body(schemaRef, "application/json")),
        ["delete"] = Operation(type, "deletecollection", null, ["labelSelector", "fieldSelector", "propagationPolicy", "dryRun"]),
        ["parameters"] = PathParameters(type, withName: false),
    };

    public static JsonObject Item(ResourceType type, JsonObject schemaRef, bool subresource = false)
    {
        var patchTypes = new List<string> { "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml" };
        if (!type.IsCustom)
        {
            patchTypes.Add("application/strategic-merge-patch+json");
        }
        var item = new JsonObject
        {
            ["get"] = Operation(type, "get", schemaRef, []),
            ["put"] = Operation(type, "put", schemaRef, ["dryRun", "fieldManager", "fieldValidation"], Body(schemaRef, "application/json")),
            ["patch"] = Operation(type, "patch", schemaRef, ["dryRun", "fieldManager", "fieldValidation", "force"],
                Body(new JsonObject { ["type"] = "object" }, patchTypes.ToArray())),
            ["parameters"] = PathParameters(type, withName: true),
        };
        if (!subresource)
        {
            item["delete"] = Operation(type, "delete", null, ["dryRun", "gracePeriodSeconds", "propagationPolicy"]);
        }
        return item;
    }

    private static JsonObject Operation(ResourceType type, string action, JsonObject? schemaRef, string[] queryParameters, JsonObject? body = null)
    {
        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = new JsonArray(queryParameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            }).ToArray()),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemaRef?.DeepClone() ?? new JsonObject { ["type"] = "object" } } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = SchemaBuilder.Gvk(type),
        };
        if (body is not null)
        {
            operation["requestBody"] = body;
        }
        return operation;
    }

    private static JsonObject Body(JsonObject schema, params string[] mediaTypes) => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject(mediaTypes.Select(m => KeyValuePair.Create(m, (JsonNode?)new JsonObject { ["schema"] = schema.DeepClone() }))),
    };

    private static JsonArray PathParameters(ResourceType type, bool withName)
    {
        var parameters = new JsonArray();
        if (withName)
        {
            parameters.Add(new JsonObject { ["name"] = "name", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        if (type.Namespaced)
        {
            parameters.Add(new JsonObject { ["name"] = "namespace", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        return parameters;
    }
}
