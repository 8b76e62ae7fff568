using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Apis.Resources;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The body of DCE's <c>PATCH .../configmaps/{name}/json</c> and <c>.../secrets/{name}/json</c>: <c>{"data": {key: value}}</c>
/// sets those keys (a JSON merge patch made by <c>valuesPatch</c>); <c>{"data": "&lt;patch&gt;"}</c>, or a body sent with a
/// patch content type, is a patch as <see cref="PatchBody"/> reads it.
/// </summary>
internal static class ValuesPatch
{
    public static async Task<(string? Patch, PatchFormat Format, IResult? Problem)> ReadAsync(HttpRequest request, ServedResource served,
        Func<JsonObject, JsonObject> valuesPatch, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        JsonObject? values = null;
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            values = body is JsonObject obj && obj["data"] is JsonObject map ? map : null;
        }
        catch (JsonException)
        {
            // Not JSON: PatchBody says why.
        }

        if (values is null)
        {
            request.Body.Position = 0;
            return await PatchBody.ReadAsync(request, served, cancellationToken);
        }

        foreach (var (key, value) in values)
        {
            if (value is not null && value.GetValueKind() != JsonValueKind.String)
            {
                return (null, default, new Validation().Require(false, $"data.{key}", $"The value of {key} is text (or null to remove the key).").Problem());
            }
        }

        return (valuesPatch((JsonObject)values.DeepClone()).ToJsonString(), PatchFormat.Merge, null);
    }
}
