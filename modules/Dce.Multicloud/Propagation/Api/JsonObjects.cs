using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Propagation.Api;

/// <summary>Reading Kubernetes objects held as JSON.</summary>
public static class JsonObjects
{
    private static readonly ConditionalWeakTable<JsonObject, object> Parsed = [];

    public static string Name(this JsonObject item) => item["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? Namespace(this JsonObject item) => item["metadata"]?["namespace"]?.GetValue<string>();

    public static string? Uid(this JsonObject item) => item["metadata"]?["uid"]?.GetValue<string>();

    public static string? ResourceVersion(this JsonObject item) => item["metadata"]?["resourceVersion"]?.GetValue<string>();

    public static long Generation(this JsonObject item) => item["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    public static bool IsDeleting(this JsonObject item) => item["metadata"]?["deletionTimestamp"] is not null;

    public static string? Label(this JsonObject item, string key) => item["metadata"]?["labels"]?[key]?.GetValue<string>();

    public static string? Annotation(this JsonObject item, string key) => item["metadata"]?["annotations"]?[key]?.GetValue<string>();

    public static string KindName(this JsonObject item) => item["kind"]?.GetValue<string>() ?? "";

    public static string ApiVersionName(this JsonObject item) => item["apiVersion"]?.GetValue<string>() ?? "";

    /// <summary>The object's metadata map at <paramref name="field"/> (labels, annotations), created when missing.</summary>
    public static JsonObject MetadataMap(this JsonObject item, string field)
    {
        var metadata = item["metadata"] as JsonObject ?? (JsonObject)(item["metadata"] = new JsonObject());
        return metadata[field] as JsonObject ?? (JsonObject)(metadata[field] = new JsonObject());
    }

    /// <summary>The object read as an engine model; parsed once per cached object, which the informers never change.</summary>
    public static T As<T>(this JsonObject item) where T : class =>
        (T)Parsed.GetValue(item, node => node.Deserialize<T>(KarmadaJson.Options)!);

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, KarmadaJson.Options);
}
