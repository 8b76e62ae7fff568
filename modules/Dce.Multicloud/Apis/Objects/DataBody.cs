using System.Text.Json.Nodes;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>DCE's body for creating, replacing or patching an object: the object (or patch) as YAML or JSON text.</summary>
internal sealed record DataBody(string? Data)
{
    /// <summary>DCE's answer carrying an object as JSON text: <c>{"data": "..."}</c>.</summary>
    public static JsonObject Of(JsonObject item) => new() { ["data"] = item.ToJsonString() };
}
