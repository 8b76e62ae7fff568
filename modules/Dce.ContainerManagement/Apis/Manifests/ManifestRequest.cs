using System.Text.Json;

namespace Dce.ContainerManagement.Apis;

/// <summary>What a manifest endpoint answers: one manifest in <c>data</c> (the workload JSON endpoints) or DCE's CreateResources list.</summary>
internal enum ManifestAnswer
{
    Workload,
    Resources,
}

/// <summary>
/// The manifest a body carries: DCE's <c>{"data": "&lt;YAML or JSON&gt;"}</c>, DCE's CreateResources
/// <c>{"data": ["&lt;YAML&gt;", ...]}</c> (joined as one manifest of several documents), or the YAML or JSON manifest itself.
/// </summary>
internal static class ManifestRequest
{
    public static string Unwrap(string body)
    {
        var text = body.TrimStart();
        if (!text.StartsWith('{'))
        {
            return body;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 1 || !root.TryGetProperty("data", out var data))
            {
                return body;
            }

            return data.ValueKind switch
            {
                JsonValueKind.String => data.GetString() ?? "",
                JsonValueKind.Array => string.Join("\n---\n", data.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText())),
                _ => body,
            };
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
