using System.Text.Json;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// The patch of a PATCH call: DCE's <c>{"data": "&lt;patch&gt;"}</c>, or the patch itself sent with a patch content
/// type (<c>application/merge-patch+json</c>, <c>application/json-patch+json</c>, <c>application/strategic-merge-patch+json</c>).
/// In <c>data</c>, an array is a JSON patch, an object a strategic merge patch (a JSON merge patch for custom kinds,
/// which have no strategy).
/// </summary>
internal static class PatchBody
{
    public static async Task<(string? Patch, PatchFormat Format, IResult? Problem)> ReadAsync(HttpRequest request, ServedResource served, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var contentType = request.ContentType?.Split(';')[0].Trim();
        if (contentType is "application/merge-patch+json" or "application/json-patch+json" or "application/strategic-merge-patch+json")
        {
            return string.IsNullOrWhiteSpace(text) ? Refuse() : (text, PatchFormats.FromContentType(contentType), null);
        }

        string? patch;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            patch = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var data)
                ? data.ValueKind == JsonValueKind.String ? data.GetString() : data.GetRawText()
                : null;
        }
        catch (JsonException json)
        {
            return (null, default, new Validation().Require(false, "body", $"The body is not JSON: {json.Message}").Problem());
        }

        if (string.IsNullOrWhiteSpace(patch))
        {
            return Refuse();
        }

        var trimmed = patch.TrimStart();
        try
        {
            using var parsed = JsonDocument.Parse(trimmed);
        }
        catch (JsonException json)
        {
            return (null, default, new Validation().Require(false, "data", $"The patch is not JSON: {json.Message}").Problem());
        }

        var format = trimmed.StartsWith('[') ? PatchFormat.Json : served.IsCustom ? PatchFormat.Merge : PatchFormat.StrategicMerge;
        return (trimmed, format, null);
    }

    private static (string?, PatchFormat, IResult?) Refuse() =>
        (null, default, new Validation().Require(false, "data", "data is the patch as JSON, e.g. {\"metadata\":{\"labels\":{\"tier\":\"web\"}}}.").Problem());
}
