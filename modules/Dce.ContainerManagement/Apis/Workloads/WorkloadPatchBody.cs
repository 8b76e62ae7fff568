using System.Text.Json;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The patch of a workload PATCH: DCE's <c>{"data": "&lt;patch&gt;"}</c> (an array is a JSON patch, an object a
/// strategic merge patch), the patch itself with a patch content type, or, as before, the patch itself as
/// <c>application/json</c> (a strategic merge patch).
/// </summary>
internal static class WorkloadPatchBody
{
    public static async Task<(string? Patch, PatchFormat Format, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = (await reader.ReadToEndAsync(cancellationToken)).Trim();
        var contentType = request.ContentType?.Split(';')[0].Trim();
        if (contentType is "application/merge-patch+json" or "application/json-patch+json" or "application/strategic-merge-patch+json")
        {
            return text.Length == 0 ? Refuse() : (text, PatchFormats.FromContentType(contentType), null);
        }

        if (text.Length == 0)
        {
            return Refuse();
        }

        string patch;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            patch = root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 1 && root.TryGetProperty("data", out var data)
                ? data.ValueKind == JsonValueKind.String ? data.GetString() ?? "" : data.GetRawText()
                : text;
            using var parsed = JsonDocument.Parse(string.IsNullOrWhiteSpace(patch) ? "null" : patch);
            if (parsed.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return Refuse();
            }
        }
        catch (JsonException json)
        {
            return (null, default, new Validation().Require(false, "data", $"The patch is not JSON: {json.Message}").Problem());
        }

        patch = patch.Trim();
        return (patch, patch.StartsWith('[') ? PatchFormat.Json : PatchFormat.StrategicMerge, null);
    }

    private static (string?, PatchFormat, IResult?) Refuse() => (null, default, new Validation().Require(false, "data",
        "data is the patch as JSON, e.g. {\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}}}.").Problem());
}
