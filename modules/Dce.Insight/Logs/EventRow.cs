using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>A stored event as queries read it, answered as DCE's <c>v1alpha1Event</c>.</summary>
public sealed record EventRow(StoredEvent Event)
{
    public const string Columns = "cluster, uid, name, namespace, first_time, last_time, count, object_kind, object_name, reason, type, message, source_component, source_host";

    public static EventRow Read(NpgsqlDataReader reader) => new(new StoredEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc), reader.GetInt32(6),
        Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13)));

    public JsonObject ToJson()
    {
        var e = Event;
        return new JsonObject
        {
            ["clusterName"] = e.Cluster,
            ["metadata"] = new JsonObject { ["name"] = e.Name, ["namespace"] = e.Namespace, ["uid"] = e.Uid },
            ["involveObject"] = new JsonObject { ["kind"] = e.ObjectKind, ["namespace"] = e.Namespace, ["name"] = e.ObjectName },
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["type"] = e.Type,
            ["count"] = e.Count.ToString(CultureInfo.InvariantCulture),
            ["firstTimestamp"] = Stamp(e.FirstTime),
            ["lastTimestamp"] = Stamp(e.LastTime),
            ["timestamp"] = Stamp(e.LastTime),
            ["source"] = new JsonObject { ["component"] = e.SourceComponent, ["host"] = e.SourceHost ?? "" },
            ["reportingComponent"] = e.SourceComponent,
        };
    }

    public static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
