using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>A stored log line as queries read it.</summary>
public sealed record LogRow(long Id, DateTime Time, string Cluster, string Namespace, string Pod, string Container, string? WorkloadKind,
    string? WorkloadName, string? Node, string Stream, string Message)
{
    public const string Columns = "id, time, cluster, namespace, pod, container, workload_kind, workload_name, node, stream, message";

    public static LogRow Read(NpgsqlDataReader reader) => new(reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
        reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), Nullable(reader, 6), Nullable(reader, 7), Nullable(reader, 8),
        reader.GetString(9), reader.GetString(10));

    /// <summary>The instant as DCE's <c>nanotimestamp</c>: nanoseconds since the Unix epoch.</summary>
    public string Nanos => ((Time - DateTime.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    public string Timestamp => Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>DCE's <c>v1alpha1LogQueryResult</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["log"] = Message,
        ["timestamp"] = Timestamp,
        ["labels"] = new JsonObject
        {
            ["id"] = Id.ToString(CultureInfo.InvariantCulture),
            ["nanotimestamp"] = Nanos,
            ["cluster_name"] = Cluster,
            ["namespace_name"] = Namespace,
            ["pod_name"] = Pod,
            ["container_name"] = Container,
            ["workload_kind"] = WorkloadKind,
            ["workload_name"] = WorkloadName,
            ["node_name"] = Node,
            ["stream"] = Stream,
        },
    };

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
