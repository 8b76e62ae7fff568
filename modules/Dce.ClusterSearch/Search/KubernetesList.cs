using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Search;

/// <summary>Writes search results as a Kubernetes List whose items carry their cluster in Clusterpedia's annotation.</summary>
internal static class KubernetesList
{
    public const string ClusterAnnotation = "shadow.clusterpedia.io/cluster-name";

    public static string Write(ResourceType type, IReadOnlyList<(string Cluster, string Json)> items, string? continueToken, long? remainingItemCount)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", type.ApiVersion);
            writer.WriteString("kind", type.Kind + "List");
            writer.WriteStartObject("metadata");
            if (continueToken is not null)
            {
                writer.WriteString("continue", continueToken);
            }

            if (remainingItemCount is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var (cluster, json) in items)
            {
                Item(type, cluster, json).WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A stored object as the API serves it: its type's apiVersion and kind, and its cluster in the annotation.</summary>
    public static JsonObject Item(ResourceType type, string cluster, string json)
    {
        var stored = JsonNode.Parse(json)!.AsObject();
        var item = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var property in stored.ToList())
        {
            if (property.Key is not ("apiVersion" or "kind"))
            {
                stored.Remove(property.Key);
                item[property.Key] = property.Value;
            }
        }

        if (item["metadata"] is not JsonObject metadata)
        {
            item["metadata"] = metadata = [];
        }

        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = [];
        }

        annotations[ClusterAnnotation] = cluster;
        return item;
    }
}
