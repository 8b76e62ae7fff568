using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>Reads a request body as JSON, accepting YAML the way the API server does.</summary>
public static class RequestBody
{
    public static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
        }
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? "application/json";
        if (mediaType == ProtobufBody.MediaType)
        {
            return ProtobufBody.Decode(buffer.ToArray());
        }
        if (mediaType.Contains("yaml", StringComparison.Ordinal))
        {
            return YamlBody.ToJson(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        try
        {
            return JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"the object provided is unrecognized: couldn't get version/kind; json parse error: {ex.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadAsync(context) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
}
