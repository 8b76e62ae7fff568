using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Dce.Platform.Contracts.DceApi;

/// <summary>
/// One of DCE 5.0's published APIs (a module's swagger 2.0 document, e.g. kpanda's or kairship's): for an operation
/// served at one of DCE's paths, the schema its answer takes. Paths are compared with their parameters unnamed, so
/// <c>/nodes/{node}</c> matches DCE's <c>/nodes/{name}</c>.
/// </summary>
public sealed class DceContract
{
    private readonly FrozenDictionary<string, JsonObject> _responses;

    /// <summary>Reads a swagger 2.0 document.</summary>
    public DceContract(Stream swagger)
    {
        ArgumentNullException.ThrowIfNull(swagger);
        var root = JsonNode.Parse(swagger)?.AsObject() ?? throw new InvalidDataException("The swagger document is empty.");
        var responses = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, operations) in root["paths"]?.AsObject() ?? [])
        {
            foreach (var (method, operation) in operations?.AsObject() ?? [])
            {
                if (operation?["responses"]?["200"]?["schema"] is JsonObject schema)
                {
                    responses[Key(method, path)] = schema;
                }
            }
        }

        Definitions = root["definitions"]?.AsObject() ?? [];
        _responses = responses.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public JsonObject Definitions { get; }

    /// <summary>The schema of DCE's answer to <paramref name="method"/> <paramref name="routePattern"/>, or null when DCE has no such operation.</summary>
    public JsonObject? ResponseSchema(string method, string routePattern) =>
        _responses.GetValueOrDefault(Key(method, routePattern));

    /// <summary>A route as DCE's path template with parameters unnamed and without route constraints: <c>GET /a/{}/b</c>.</summary>
    public static string Key(string method, string routePattern)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(routePattern);
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
    public JsonObject Resolve(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var seen = 0;
        while (schema["$ref"]?.GetValue<string>() is { } reference && seen++ < 16)
        {
            schema = Definitions[reference[(reference.LastIndexOf('/') + 1)..]] as JsonObject ?? [];
        }

        return schema;
    }
}
