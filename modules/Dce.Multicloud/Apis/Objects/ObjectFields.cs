using System.Text.Json.Nodes;
using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>What lists sort and filter objects by.</summary>
internal static class ObjectFields
{
    public static string Name(JsonObject item) => item["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? Namespace(JsonObject item) => item["metadata"]?["namespace"]?.GetValue<string>();

    public static string Created(JsonObject item) => item["metadata"]?["creationTimestamp"]?.GetValue<string>() ?? "";

    public static ListSorting<JsonObject> Sorting { get; } =
        new ListSorting<JsonObject>("name", item => Name(item), item => Name(item))
            .By("namespace", item => Namespace(item))
            .By("creationTimestamp", item => Created(item));
}
