using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Namespaces;

/// <summary>
/// DCE's pod security switch of a namespace: Kubernetes' Pod Security admission labels
/// (<c>pod-security.kubernetes.io/&lt;mode&gt;: &lt;level&gt;</c>), set from <c>{"podSecurity": [{"level", "mode"}]}</c>.
/// </summary>
internal static class PodSecurityLabels
{
    private static readonly string[] Levels = ["privileged", "baseline", "restricted"];
    private static readonly string[] Modes = ["enforce", "audit", "warn"];

    /// <summary>The labels to set, or the field errors.</summary>
    public static (Dictionary<string, string> Labels, Validation Validation) Read(JsonElement body)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var validation = new Validation();
        var items = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("podSecurity", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : [];
        validation.Require(items.Count > 0, "podSecurity", "podSecurity is required: at least one {\"level\": \"baseline\", \"mode\": \"enforce\"}.");
        for (var i = 0; i < items.Count; i++)
        {
            var level = Text(items[i], "level");
            var mode = Text(items[i], "mode");
            validation.Require(level is not null && Levels.Contains(level), $"podSecurity[{i}].level", $"level is one of {string.Join(", ", Levels)}.")
                .Require(mode is not null && Modes.Contains(mode), $"podSecurity[{i}].mode", $"mode is one of {string.Join(", ", Modes)}.");
            if (level is not null && mode is not null)
            {
                labels[NamespaceObjects.PodSecurityPrefix + mode] = level;
            }
        }

        return (labels, validation);
    }

    /// <summary>A JSON merge patch setting <paramref name="labels"/> (null values remove).</summary>
    public static string Patch(IEnumerable<KeyValuePair<string, string?>> labels) =>
        new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)(l.Value is null ? null : JsonValue.Create(l.Value))))) } }
            .ToJsonString();

    private static string? Text(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
