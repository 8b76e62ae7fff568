using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Patching;

/// <summary>Applies a patch by its media type, as the API server accepts them.</summary>
public static class PatchTypes
{
    public static JsonNode Apply(ResourceType type, string contentType, JsonObject target, JsonNode? patch) => contentType switch
    {
        "application/json-patch+json" => JsonPatch.Apply(target, patch),
        "application/merge-patch+json" => MergePatch.Apply(target, patch) as JsonObject ?? throw ApiException.BadRequest("merge patch must be an object"),
        "application/strategic-merge-patch+json" when type.IsCustom =>
            throw new ApiException(415, "UnsupportedMediaType", "strategic merge patch is not supported for custom resources; use a merge patch"),
        "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(target, patch),
        "application/apply-patch+yaml" or "application/apply-patch+json" => MergePatch.Apply(target, patch) as JsonObject ?? target,
        _ => throw new ApiException(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"),
    };
}
