using System.Text.Json.Nodes;

namespace Dce.Kubernetes.Printing;

/// <summary>One column of a server-side table: its definition and how a row's cell is read from the object.</summary>
public sealed record TableColumn(string ColumnName, string Type, Func<JsonObject, JsonNode?> Cell, string Format = "", int Priority = 0, string Description = "")
{
    /// <summary>The NAME column every table starts with.</summary>
    public static TableColumn Name { get; } = new("Name", "string", o => o.StrAt("metadata.name"), "name");

    public JsonObject Definition() => new()
    {
        ["name"] = ColumnName,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description.Length > 0 ? Description : ColumnName,
        ["priority"] = Priority,
    };
}
