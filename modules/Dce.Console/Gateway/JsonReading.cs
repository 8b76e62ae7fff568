using System.Globalization;
using System.Text.Json;

namespace Dce.Console.Gateway;

/// <summary>Reading the platform's JSON answers without ceremony: a missing field reads as empty, never as an exception.</summary>
public static class JsonReading
{
    public static JsonElement Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static string Text(this JsonElement element, string name) => element.Prop(name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString() ?? "",
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.ToString(),
        _ => "",
    };

    public static int Int(this JsonElement element, string name) => element.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var value) => value,
        { ValueKind: JsonValueKind.String } text when int.TryParse(text.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        _ => 0,
    };

    /// <summary>The entries of a list answer: <c>{"items": [...]}</c> or a bare array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name = "items") => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        _ when element.Prop(name) is { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        _ => [],
    };
}
