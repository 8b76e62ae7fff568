using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dce.Testing.Contract;

/// <summary>
/// Validates an answer against the schema DCE publishes for its operation, its <c>#/definitions</c> resolved, and
/// strictly: DCE's messages declare every field they have, so a field DCE does not declare is an error here (the
/// published schema alone would let any object through).
/// </summary>
public sealed class DceSchemaValidator(DceOperations operations)
{
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private static JsonNode Strict(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Strict(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Strict(child);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>The validation errors, empty when the answer is valid.</summary>
    public IReadOnlyList<string> Errors(DceOperation operation, JsonNode? answer)
    {
        if (operation.Response is null)
        {
            return [];
        }

        ArgumentNullException.ThrowIfNull(operation);
        var schema = _schemas.GetOrAdd(operation.ToString(), _ =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "http://json-schema.org/draft-07/schema#",
                ["$id"] = $"https://dce.invalid/{Uri.EscapeDataString(operation.ToString())}",
                ["definitions"] = Strict(operations.Document["definitions"]!.DeepClone()),
                ["allOf"] = new JsonArray(Strict(operation.Response.DeepClone())),
            };
            return JsonSchema.FromText(root.ToJsonString());
        });
        using var document = JsonDocument.Parse(answer?.ToJsonString() ?? "null");
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)];
    }
}
