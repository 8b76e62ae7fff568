using Npgsql;

namespace Dce.Insight.Traces;

/// <summary>The SQL behind the trace endpoints; every query takes a <see cref="SpanFilter"/> already limited to the caller's scope.</summary>
internal sealed class TraceReader(TraceDatabase database)
{
    private const string Spans = TraceDatabase.Table;
    private const string ServerKinds = "(2, 5)";

    /// <summary>The traces with a span that matches, newest first.</summary>
    public async Task<List<string>> TraceIdsAsync(SpanFilter filter, int limit, CancellationToken cancellationToken) =>
        await ListAsync($"SELECT encode(s.trace_id, 'hex') FROM {Spans} s WHERE {filter.Sql} GROUP BY s.trace_id ORDER BY max(s.start_time) DESC LIMIT {limit}",
            filter, row => row.GetString(0), cancellationToken);

    /// <summary>The spans of <paramref name="traceIds"/> that <paramref name="visible"/> lets through, oldest first.</summary>
    public async Task<List<StoredSpan>> SpansOfAsync(IReadOnlyList<string> traceIds, SpanFilter visible, CancellationToken cancellationToken)
    {
        visible.Where($"s.trace_id = ANY({visible.Parameter(traceIds.Select(Convert.FromHexString).ToArray())})");
        return await ListAsync($"SELECT {StoredSpan.Columns} FROM {Spans} s WHERE {visible.Sql} ORDER BY s.start_time", visible, StoredSpan.Read, cancellationToken);
    }

    public async Task<(long Total, List<StoredSpan> Page)> SpansAsync(SpanFilter filter, string orderBy, int offset, int limit, CancellationToken cancellationToken)
    {
        var total = (await ListAsync($"SELECT count(*) FROM {Spans} s WHERE {filter.Sql}", filter, row => row.GetInt64(0), cancellationToken))[0];
        var page = await ListAsync($"SELECT {StoredSpan.Columns} FROM {Spans} s WHERE {filter.Sql} ORDER BY {orderBy} OFFSET {offset} LIMIT {limit}",
            filter, StoredSpan.Read, cancellationToken);
        return (total, page);
    }

    /// <summary>Per service (with its cluster and namespace): the figures of its server spans the filter lets through.</summary>
    public Task<List<(ServiceKey Service, CallFigures Figures)>> ServiceFiguresAsync(SpanFilter filter, bool serverSpansOnly, CancellationToken cancellationToken) =>
        ListAsync($"SELECT s.cluster, s.namespace, s.service, {Figures("s")} FROM {Spans} s WHERE {filter.Sql}{(serverSpansOnly ? $" AND s.kind IN {ServerKinds}" : "")} " +
            "GROUP BY s.cluster, s.namespace, s.service ORDER BY s.service",
            filter, row => (Key(row, 0), FiguresOf(row, 3)), cancellationToken);

    /// <summary>Calls between services: server spans whose parent span belongs to another service, both let through by the filter.</summary>
    public Task<List<(ServiceKey Caller, ServiceKey Callee, CallFigures Figures)>> CallsAsync(SpanFilter filter, CancellationToken cancellationToken) =>
        ListAsync($"SELECT p.cluster, p.namespace, p.service, c.cluster, c.namespace, c.service, {Figures("c")} " +
            $"FROM {Spans} c JOIN {Spans} p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id " +
            $"WHERE {filter.Sql} AND c.kind IN {ServerKinds} AND (p.service, p.cluster, p.namespace) IS DISTINCT FROM (c.service, c.cluster, c.namespace) " +
            "GROUP BY p.cluster, p.namespace, p.service, c.cluster, c.namespace, c.service",
            filter, row => (Key(row, 0), Key(row, 3), FiguresOf(row, 6)), cancellationToken);

    /// <summary>Per bucket of <paramref name="seconds"/> (aligned to the epoch): counts and duration percentiles of the spans that match.</summary>
    public Task<List<HistogramBucket>> HistogramAsync(SpanFilter filter, double seconds, CancellationToken cancellationToken)
    {
        var width = filter.Parameter(seconds);
        return ListAsync($"SELECT to_timestamp(floor(extract(epoch FROM s.start_time) / {width}) * {width}) AS bucket, count(*), " +
            $"count(*) FILTER (WHERE s.status_code = {SpanCodes.StatusError}), percentile_cont(0.75) WITHIN GROUP (ORDER BY s.duration_ns), " +
            "percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ns), percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ns), avg(s.duration_ns)::float8 " +
            $"FROM {Spans} s WHERE {filter.Sql} GROUP BY bucket ORDER BY bucket",
            filter, row => new HistogramBucket(row.GetDateTime(0), row.GetInt64(1), row.GetInt64(2), row.GetDouble(3), row.GetDouble(4), row.GetDouble(5), row.GetDouble(6)),
            cancellationToken);
    }

    /// <summary>The attribute keys of the spans that match, or the values of one, starting with <paramref name="prefix"/>.</summary>
    public Task<List<string>> TagsAsync(SpanFilter filter, string? key, string? prefix, int limit, CancellationToken cancellationToken)
    {
        var value = key is null ? "tag.key" : $"s.attributes ->> {filter.Parameter(key)}";
        var source = key is null ? $"{Spans} s, jsonb_object_keys(s.attributes) AS tag(key)" : $"{Spans} s";
        var search = string.IsNullOrEmpty(prefix) ? "" : $" AND starts_with({value}, {filter.Parameter(prefix)})";
        return ListAsync($"SELECT DISTINCT {value} AS tag FROM {source} WHERE {filter.Sql} AND {value} IS NOT NULL{search} ORDER BY tag LIMIT {limit}",
            filter, row => row.GetString(0), cancellationToken);
    }

    public Task<List<string>> DistinctAsync(string column, SpanFilter filter, int limit, CancellationToken cancellationToken) =>
        ListAsync($"SELECT DISTINCT s.{column} FROM {Spans} s WHERE {filter.Sql} ORDER BY s.{column} LIMIT {limit}", filter, row => row.GetString(0), cancellationToken);

    private static string Figures(string alias) =>
        $"count(*), count(*) FILTER (WHERE {alias}.status_code = {SpanCodes.StatusError}), " +
        $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {alias}.duration_ns), percentile_cont(0.99) WITHIN GROUP (ORDER BY {alias}.duration_ns)";

    private static ServiceKey Key(NpgsqlDataReader row, int first) =>
        new(row.IsDBNull(first) ? null : row.GetString(first), row.IsDBNull(first + 1) ? null : row.GetString(first + 1), row.GetString(first + 2));

    private static CallFigures FiguresOf(NpgsqlDataReader row, int first) =>
        new(row.GetInt64(first), row.GetInt64(first + 1), row.GetDouble(first + 2), row.GetDouble(first + 3));

    private async Task<List<T>> ListAsync<T>(string sql, SpanFilter filter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        filter.AddTo(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>One bucket of the span histogram; durations in nanoseconds.</summary>
public sealed record HistogramBucket(DateTime Start, long Total, long Errors, double P75, double P95, double P99, double Average);

/// <summary>A service where it runs: a platform service has no cluster or namespace.</summary>
public sealed record ServiceKey(string? Cluster, string? Namespace, string Service)
{
    public string Id => $"{Cluster}/{Namespace}/{Service}";
}
