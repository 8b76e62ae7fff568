using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.Apply;

/// <summary>The path elements of a field set, encoded as <c>fieldsV1</c> writes them, and shown as conflicts name them.</summary>
public static class FieldPath
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + Encode(value);

    /// <summary>An item of an associative list, by its key fields in name order.</summary>
    public static string Key(IEnumerable<KeyValuePair<string, JsonNode?>> keys)
    {
        var ordered = new JsonObject();
        foreach (var (name, value) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            ordered[name] = value?.DeepClone();
        }
        return "k:" + Encode(ordered);
    }

    public static string Encode(JsonNode? value) => value?.ToJsonString(Compact) ?? "null";

    /// <summary>The path as the API server prints it in conflicts: <c>.spec.containers[name="app"].image</c>.</summary>
    public static string Display(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var element in path)
        {
            var body = element.Length > 2 ? element[2..] : "";
            switch (element[..Math.Min(2, element.Length)])
            {
                case "f:":
                    text.Append('.').Append(body);
                    break;
                case "k:":
                    var keys = JsonNode.Parse(body) as JsonObject ?? [];
                    text.Append('[').Append(string.Join(",", keys.Select(k => $"{k.Key}={Encode(k.Value)}"))).Append(']');
                    break;
                case "v:":
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }
        return text.ToString();
    }

    public static string Index(int index) => "i:" + index.ToString(CultureInfo.InvariantCulture);
}
