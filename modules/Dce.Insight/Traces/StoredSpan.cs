namespace Dce.Insight.Traces;

/// <summary>A span as read back: ids in lowercase hex, the JSON columns as text.</summary>
internal sealed record StoredSpan(string TraceId, string SpanId, string? ParentSpanId, string Service, string Operation, short Kind, DateTime StartTime,
    long DurationNanos, short StatusCode, string? StatusMessage, string Attributes, string Events, string Resource, string? Cluster, string? Namespace)
{
    public const string Columns = "encode(s.trace_id, 'hex'), encode(s.span_id, 'hex'), encode(s.parent_span_id, 'hex'), s.service, s.operation, s.kind, " +
        "s.start_time, s.duration_ns, s.status_code, s.status_message, s.attributes::text, s.events::text, s.resource::text, s.cluster, s.namespace";

    public bool IsError => StatusCode == SpanCodes.StatusError;

    public static StoredSpan Read(Npgsql.NpgsqlDataReader row) => new(row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2),
        row.GetString(3), row.GetString(4), row.GetInt16(5), row.GetDateTime(6), row.GetInt64(7), row.GetInt16(8), row.IsDBNull(9) ? null : row.GetString(9),
        row.GetString(10), row.GetString(11), row.GetString(12), row.IsDBNull(13) ? null : row.GetString(13), row.IsDBNull(14) ? null : row.GetString(14));
}
