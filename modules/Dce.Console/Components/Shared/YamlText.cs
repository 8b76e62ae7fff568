using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Dce.Console.Components.Shared;

/// <summary>
/// An object the platform answered in JSON, written as YAML for reading and editing. Strings that YAML would read as
/// another type (<c>"8080"</c>, <c>"true"</c>) stay quoted, so the text sent back means what it meant.
/// </summary>
public static class YamlText
{
    private static readonly ISerializer Writer = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();

    public static string FromJson(JsonElement element) => Writer.Serialize(Plain(element));

    public static string FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>The <c>metadata.name</c> a YAML text gives its object; null when it has none or is no YAML (the platform explains why).</summary>
    public static string? NameOf(string yaml)
    {
        try
        {
            return Reader.Deserialize<Dictionary<object, object?>?>(yaml) is { } root && root.GetValueOrDefault("metadata") is Dictionary<object, object?> metadata
                ? metadata.GetValueOrDefault("name") as string
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => element.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
