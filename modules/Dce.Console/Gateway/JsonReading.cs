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

    /// <summary>
    /// A time as people read it (<c>2026-11-30 16:05:12</c>, UTC, which also sorts as text), from DCE's Unix seconds in a
    /// string or a Kubernetes RFC 3339 time; empty when the field is missing.
    /// </summary>
    public static string Time(this JsonElement element, string name)
    {
        var text = element.Text(name);
        DateTimeOffset? time = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? text;
    }

    /// <summary>The entries of a list answer: <c>{"items": [...]}</c> or a bare array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name = "items") => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        _ when element.Prop(name) is { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        _ => [],
    };
}
