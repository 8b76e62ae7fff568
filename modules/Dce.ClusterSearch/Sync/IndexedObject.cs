using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Sync;

/// <summary>One object as a row of the index: the columns searches use, and the object's JSON without secret values or managed fields.</summary>
internal sealed record IndexedObject(
    string Cluster,
    ResourceType Type,
    string Namespace,
    string Name,
    string Uid,
    string ResourceVersion,
    string LabelsJson,
    string? OwnerUid,
    string? OwnerName,
    DateTimeOffset? CreatedAt,
    string ObjectJson)
{
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static IndexedObject From(string cluster, ResourceType type, JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        var labels = metadata.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object ? l.GetRawText() : "{}";
        var (ownerUid, ownerName) = Controller(metadata);
        return new IndexedObject(
            cluster,
            type,
            Text(metadata, "namespace") ?? "",
            Text(metadata, "name") ?? "",
            Text(metadata, "uid") ?? "",
            Text(metadata, "resourceVersion") ?? "",
            labels,
            ownerUid,
            ownerName,
            CreationTime(metadata),
            StoredJson(type, item, metadata));
    }

    public ObjectKey Key => new(Cluster, Type, Namespace, Name);

    // PostgreSQL takes timestamps in UTC only; a timestamp a cluster should never send is left out rather than failing the row.
    private static DateTimeOffset? CreationTime(JsonElement metadata) =>
        Text(metadata, "creationTimestamp") is { } created
        && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : null;

    private static (string? Uid, string? Name) Controller(JsonElement metadata)
    {
        if (!metadata.TryGetProperty("ownerReferences", out var owners) || owners.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        JsonElement? first = null;
        foreach (var owner in owners.EnumerateArray())
        {
            first ??= owner;
            if (owner.TryGetProperty("controller", out var controller) && controller.ValueKind == JsonValueKind.True)
            {
                return (Text(owner, "uid"), Text(owner, "name"));
            }
        }

        return first is { } any ? (Text(any, "uid"), Text(any, "name")) : (null, null);
    }

    // One pass over the object, copying all but what must not be stored: parsing it again into a tree cost the sync
    // more than the rest of indexing an object.
    private static string StoredJson(ResourceType type, JsonElement item, JsonElement metadata)
    {
        if (!type.KeepsMetadataOnly && !metadata.TryGetProperty("managedFields", out _))
        {
            return item.GetRawText();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                if (type.KeepsMetadataOnly && (property.NameEquals("data") || property.NameEquals("stringData")))
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                if (property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    WriteStoredMetadata(writer, type, property.Value);
                }
                else
                {
                    property.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStoredMetadata(Utf8JsonWriter writer, ResourceType type, JsonElement metadata)
    {
        writer.WriteStartObject();
        foreach (var property in metadata.EnumerateObject())
        {
            if (property.NameEquals("managedFields"))
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            if (type.KeepsMetadataOnly && property.NameEquals("annotations") && property.Value.ValueKind == JsonValueKind.Object)
            {
                // kubectl.kubernetes.io/last-applied-configuration repeats the values of an applied Secret.
                writer.WriteStartObject();
                foreach (var annotation in property.Value.EnumerateObject().Where(a => !a.NameEquals(LastAppliedAnnotation)))
                {
                    annotation.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
            else
            {
                property.Value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Where an object is in the index.</summary>
internal readonly record struct ObjectKey(string Cluster, ResourceType Type, string Namespace, string Name);
