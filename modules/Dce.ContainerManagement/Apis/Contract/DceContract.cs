using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Apis.Contract;

/// <summary>
/// DCE 5.0's published kpanda API (<c>kpanda.swagger.json</c>, embedded): for an operation served at one of DCE's
/// paths, the schema its answer takes. Paths are compared with their parameters unnamed, so <c>/nodes/{node}</c>
/// matches DCE's <c>/nodes/{name}</c>.
/// </summary>
public static class DceContract
{
    private static readonly Lazy<(JsonObject Definitions, FrozenDictionary<string, JsonObject> Responses)> Document = new(Load);

    public static JsonObject Definitions => Document.Value.Definitions;

    /// <summary>The schema of DCE's answer to <paramref name="method"/> <paramref name="routePattern"/>, or null when DCE has no such operation.</summary>
    public static JsonObject? ResponseSchema(string method, string routePattern) =>
        Document.Value.Responses.GetValueOrDefault(Key(method, routePattern));

    /// <summary>A route as DCE's path template with parameters unnamed and without route constraints: <c>GET /a/{}/b</c>.</summary>
    public static string Key(string method, string routePattern)
    {
        var path = new System.Text.StringBuilder(routePattern.Length);
        var depth = 0;
        foreach (var c in routePattern)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    path.Append("{}");
                }
            }
            else if (c == '}')
            {
                depth--;
            }
            else if (depth == 0)
            {
                path.Append(c);
            }
        }

        return $"{method.ToUpperInvariant()} {path.ToString().TrimEnd('/')}";
    }

    /// <summary>Resolves a <c>$ref</c> to DCE's definitions.</summary>
    public static JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"]?.GetValue<string>() is { } reference && seen++ < 16)
        {
            schema = Definitions[reference[(reference.LastIndexOf('/') + 1)..]] as JsonObject ?? [];
        }

        return schema;
    }

    private static (JsonObject, FrozenDictionary<string, JsonObject>) Load()
    {
        using var stream = typeof(DceContract).Assembly.GetManifestResourceStream("Dce.ContainerManagement.kpanda.swagger.json")
            ?? throw new InvalidOperationException("kpanda.swagger.json is not embedded.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var responses = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, operations) in root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation?["responses"]?["200"]?["schema"] is JsonObject schema)
                {
                    responses[Key(method, path)] = schema;
                }
            }
        }

        return (root["definitions"]!.AsObject(), responses.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
