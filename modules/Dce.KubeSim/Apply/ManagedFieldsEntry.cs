using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: a manager, its operation (Apply or Update), the subresource it wrote through and the fields it owns.</summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string? ApiVersion, string? Time, string? Subresource, FieldSet Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public (string, string, string) Identity => (Manager, Operation, Subresource ?? "");

    /// <summary>How conflicts name the manager: <c>"x"</c>, with its subresource and, for updates, the version it used.</summary>
    public string Describe()
    {
        var text = Quote(Manager);
        if (!string.IsNullOrEmpty(Subresource))
        {
            text += $" with subresource {Quote(Subresource)}";
        }
        return Operation == Update ? $"{text} using {ApiVersion}" : text;
    }

    /// <summary>In the order the API server keeps them: operation, then time, manager, version and subresource.</summary>
    public static IEnumerable<ManagedFieldsEntry> Sorted(IEnumerable<ManagedFieldsEntry> entries) => entries
        .OrderBy(e => e.Operation, StringComparer.Ordinal)
        .ThenBy(e => e.Time ?? "", StringComparer.Ordinal)
        .ThenBy(e => e.Manager, StringComparer.Ordinal)
        .ThenBy(e => e.ApiVersion ?? "", StringComparer.Ordinal)
        .ThenBy(e => e.Subresource ?? "", StringComparer.Ordinal);

    public JsonObject ToJson()
    {
        var entry = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = Fields.ToFieldsV1(),
        };
        if (!string.IsNullOrEmpty(Subresource))
        {
            entry["subresource"] = Subresource;
        }
        return entry;
    }

    /// <summary>The entries of an object, or null when there are none or they do not decode (then the API server uses the live ones).</summary>
    public static List<ManagedFieldsEntry>? Decode(JsonObject obj)
    {
        if (obj["metadata"]?["managedFields"] is not JsonArray { Count: > 0 } list)
        {
            return null;
        }
        var entries = new List<ManagedFieldsEntry>();
        foreach (var item in list)
        {
            if (item is not JsonObject entry)
            {
                return null;
            }
            var operation = entry.Str("operation") ?? "";
            var fieldsType = entry.Str("fieldsType") ?? "";
            if (operation is not (Apply or Update or "") || fieldsType is not ("FieldsV1" or ""))
            {
                return null;
            }
            entries.Add(new ManagedFieldsEntry(entry.Str("manager") ?? "", operation, entry.Str("apiVersion"), entry.Str("time"),
                entry.Str("subresource"), FieldSet.FromFieldsV1(entry["fieldsV1"] as JsonObject)));
        }
        return entries;
    }

    public static void Encode(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = Sorted(entries.Where(e => !e.Fields.IsEmpty)).Select(e => (JsonNode)e.ToJson()).ToArray();
        if (kept.Length == 0)
        {
            obj.Metadata().Remove("managedFields");
            return;
        }
        obj.Metadata()["managedFields"] = new JsonArray(kept);
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
