using System.Text.Json;

namespace Dce.ContainerManagement.Apis.CustomResources;

/// <summary>
/// DCE's patch body for a custom resource: <c>{"patchType": "PATCH_TYPE_JSON|PATCH_TYPE_MERGE|PATCH_TYPE_APPLY",
/// "data": "&lt;patch&gt;", "subResources": ["status"]}</c>. Without a type an array is a JSON patch and an object a
/// JSON merge patch (custom resources have no strategic merge). An apply patch is the object as YAML or JSON.
/// </summary>
internal sealed record CustomResourcePatch(string Patch, PatchFormat Format, string? Subresource)
{
    private static readonly string[] Subresources = ["status", "scale"];

    public static async Task<(CustomResourcePatch? Patch, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException json)
        {
            return Refuse("body", $"The body is not JSON: {json.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse("body", "The body is an object: {\"patchType\": ..., \"data\": \"<patch>\", \"subResources\": [...]}.");
            }

            var data = root.TryGetProperty("data", out var d) ? d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText() : null;
            if (string.IsNullOrWhiteSpace(data))
            {
                return Refuse("data", "data is the patch, e.g. {\"metadata\":{\"labels\":{\"tier\":\"web\"}}}.");
            }

            var type = root.TryGetProperty("patchType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var trimmed = data.TrimStart();
            PatchFormat? format = type switch
            {
                null or "" or "PATCH_TYPE_UNSPECIFIED" => trimmed.StartsWith('[') ? PatchFormat.Json : PatchFormat.Merge,
                "PATCH_TYPE_JSON" => PatchFormat.Json,
                "PATCH_TYPE_MERGE" => PatchFormat.Merge,
                "PATCH_TYPE_APPLY" => PatchFormat.Apply,
                _ => null,
            };
            if (format is null)
            {
                return Refuse("patchType", "patchType is PATCH_TYPE_JSON, PATCH_TYPE_MERGE or PATCH_TYPE_APPLY.");
            }

            if (format == PatchFormat.Apply)
            {
                try
                {
                    data = ObjectDocument.Parse(data).ToJsonString();
                }
                catch (ManifestShapeException shape)
                {
                    return Refuse("data", shape.Message);
                }
            }
            else if (!IsJson(data, format == PatchFormat.Json ? JsonValueKind.Array : JsonValueKind.Object))
            {
                return Refuse("data", format == PatchFormat.Json ? "A JSON patch is a JSON array of operations." : "A merge patch is a JSON object.");
            }

            var subresources = root.TryGetProperty("subResources", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(e => e.GetString()).Where(e => !string.IsNullOrEmpty(e)).ToList()
                : [];
            if (subresources.Count > 1 || subresources.Any(r => !Subresources.Contains(r)))
            {
                return Refuse("subResources", "subResources names at most one subresource: status or scale.");
            }

            return (new CustomResourcePatch(data, format.Value, subresources.FirstOrDefault()), null);
        }
    }

    private static bool IsJson(string text, JsonValueKind kind)
    {
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return parsed.RootElement.ValueKind == kind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static (CustomResourcePatch?, IResult?) Refuse(string field, string message) =>
        (null, new Validation().Require(false, field, message).Problem());
}
