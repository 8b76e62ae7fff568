using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>One additionalPrinterColumn of a CustomResourceDefinition version.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0, string Format = "", string Description = "")
{
    /// <summary>The column a definition without printer columns gets, as kube-apiserver defaults it.</summary>
    public static PrinterColumn Age { get; } = new("Age", "date", ".metadata.creationTimestamp");

    public static IReadOnlyList<PrinterColumn> From(JsonNode? columns) =>
        (columns as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => c.Str("name") is { Length: > 0 } && c.Str("jsonPath") is { Length: > 0 })
            .Select(c => new PrinterColumn(c.Str("name")!, c.Str("type") ?? "string", c.Str("jsonPath")!,
                (int)(c.Long("priority") ?? 0), c.Str("format") ?? "", c.Str("description") ?? ""))
            .ToList();
}
