using Dce.Platform.Contracts.Authorization;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>Reads stored events within a caller's scope; an event is in a range when it was raised at any time within it.</summary>
public sealed class EventSearch(NpgsqlDataSource database)
{
    public static SqlWhere Where(ClusterScope scope, TimeRange range, string? cluster, string? ns, EventFilter? filter)
    {
        var where = new SqlWhere();
        where.Add($"last_time >= {where.Parameter(range.From)} AND first_time <= {where.Parameter(range.Until)}")
            .Scope(scope)
            .AnyOf("cluster", string.IsNullOrEmpty(cluster) ? null : [cluster])
            .AnyOf("namespace", string.IsNullOrEmpty(ns) ? null : [ns]);
        return filter?.ApplyTo(where) ?? where;
    }

    public async Task<List<EventRow>> PageAsync(SqlWhere where, bool oldestFirst, int offset, int limit, CancellationToken cancellationToken)
    {
        var order = oldestFirst ? "last_time, uid" : "last_time DESC, uid DESC";
        return await ReadAsync($"SELECT {EventRow.Columns} FROM {DayPartitions.EventTable} WHERE {where.Sql} ORDER BY {order} LIMIT {limit} OFFSET {offset}", where, cancellationToken);
    }

    /// <summary>Up to <paramref name="before"/> events raised last at or before <paramref name="at"/> and <paramref name="after"/> after it, newest first.</summary>
    public async Task<List<EventRow>> AroundAsync(SqlWhere where, DateTime at, int before, int after, CancellationToken cancellationToken)
    {
        var instant = where.Parameter(at);
        return await ReadAsync($"""
            (SELECT {EventRow.Columns} FROM {DayPartitions.EventTable} WHERE {where.Sql} AND last_time > {instant} ORDER BY last_time, uid LIMIT {after})
            UNION ALL
            (SELECT {EventRow.Columns} FROM {DayPartitions.EventTable} WHERE {where.Sql} AND last_time <= {instant} ORDER BY last_time DESC, uid DESC LIMIT {before})
            ORDER BY 6 DESC, 2 DESC
            """, where, cancellationToken);
    }

    public async Task<long> CountAsync(SqlWhere where, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT count(*) FROM {DayPartitions.EventTable} WHERE {where.Sql}");
        where.AddTo(command);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Normal and Warning events per bucket, by the time each was last raised.</summary>
    public async Task<List<(DateTime Bucket, long Normal, long Warning)>> HistogramAsync(SqlWhere where, TimeSpan interval, DateTime origin, CancellationToken cancellationToken)
    {
        var step = where.Parameter(interval);
        var start = where.Parameter(origin);
        await using var command = database.CreateCommand($"""
            SELECT date_bin({step}, last_time, {start}) AS bucket, count(*) FILTER (WHERE type = 'Normal'), count(*) FILTER (WHERE type = 'Warning')
            FROM {DayPartitions.EventTable} WHERE {where.Sql} GROUP BY bucket ORDER BY bucket
            """);
        where.AddTo(command);
        var buckets = new List<(DateTime, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add((DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return buckets;
    }

    /// <summary>The distinct values of <paramref name="column"/> (with the involved kind) among the matching events.</summary>
    public async Task<List<(string? Kind, string Value)>> DistinctAsync(SqlWhere where, string column, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT DISTINCT object_kind, {column} FROM {DayPartitions.EventTable} WHERE {where.Sql} AND {column} IS NOT NULL ORDER BY 1, 2 LIMIT 10000");
        where.AddTo(command);
        var values = new List<(string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1)));
        }

        return values;
    }

    private async Task<List<EventRow>> ReadAsync(string sql, SqlWhere where, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        where.AddTo(command);
        var rows = new List<EventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(EventRow.Read(reader));
        }

        return rows;
    }
}
