using Dce.Platform.Contracts.Authorization;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>Reads stored log lines within a caller's scope, newest first.</summary>
public sealed class LogSearch(NpgsqlDataSource database)
{
    /// <summary>The filter of a query: its time range, the caller's scope, the resource lists and the text.</summary>
    public static SqlWhere Where(ClusterScope scope, TimeRange range, LogResourceFilter? filter, TextQuery text)
    {
        var where = new SqlWhere();
        where.Add($"time >= {where.Parameter(range.From)} AND time <= {where.Parameter(range.Until)}")
            .Scope(scope)
            .AnyOf("cluster", filter?.ClusterFilter)
            .AnyOf("namespace", filter?.NamespaceFilter)
            .AnyOf("workload_name", filter?.WorkloadFilter)
            .AnyOf("pod", filter?.PodFilter)
            .AnyOf("container", filter?.ContainerFilter)
            .Text("message", text);
        return where;
    }

    /// <summary>Combines every <c>logSearch</c> entry: all must match.</summary>
    public static TextQuery Text(IEnumerable<string>? searches)
    {
        var parsed = (searches ?? []).Select(TextQuery.Parse).ToList();
        return new TextQuery([.. parsed.SelectMany(q => q.Required)], [.. parsed.SelectMany(q => q.Excluded)]);
    }

    public async Task<List<LogRow>> PageAsync(SqlWhere where, LogCursor? after, int offset, int limit, CancellationToken cancellationToken)
    {
        if (after is { } cursor)
        {
            where.Add($"(time, id) < ({where.Parameter(cursor.Time)}, {where.Parameter(cursor.Id)})");
        }

        await using var command = database.CreateCommand(
            $"SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} ORDER BY time DESC, id DESC LIMIT {limit} OFFSET {offset}");
        where.AddTo(command);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The number of matching lines, counted no further than <paramref name="cap"/>.</summary>
    public async Task<int> CountAsync(SqlWhere where, int cap, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT count(*)::int FROM (SELECT 1 FROM {DayPartitions.LogTable} WHERE {where.Sql} LIMIT {cap}) matching");
        where.AddTo(command);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<List<(DateTime Bucket, long Count)>> HistogramAsync(SqlWhere where, TimeSpan interval, DateTime origin, CancellationToken cancellationToken)
    {
        var step = where.Parameter(interval);
        var start = where.Parameter(origin);
        await using var command = database.CreateCommand(
            $"SELECT date_bin({step}, time, {start}) AS bucket, count(*) FROM {DayPartitions.LogTable} WHERE {where.Sql} GROUP BY bucket ORDER BY bucket");
        where.AddTo(command);
        var buckets = new List<(DateTime, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add((DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt64(1)));
        }

        return buckets;
    }

    /// <summary>Lines of one container around an instant: up to <paramref name="before"/> older (and the line itself) and <paramref name="after"/> newer.</summary>
    public async Task<List<LogRow>> AroundAsync(SqlWhere where, DateTime at, int before, int after, CancellationToken cancellationToken)
    {
        var instant = where.Parameter(at);
        await using var command = database.CreateCommand($"""
            (SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} AND time > {instant} ORDER BY time, id LIMIT {after})
            UNION ALL
            (SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} AND time <= {instant} ORDER BY time DESC, id DESC LIMIT {before + 1})
            ORDER BY time DESC, id DESC
            """);
        where.AddTo(command);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Streams the matching lines, newest first, up to <paramref name="limit"/>.</summary>
    public async IAsyncEnumerable<LogRow> StreamAsync(SqlWhere where, int limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} ORDER BY time DESC, id DESC LIMIT {limit}");
        where.AddTo(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return LogRow.Read(reader);
        }
    }

    /// <summary>Lines stored with an id above <paramref name="afterId"/>, in id order, for the live tail.</summary>
    public async Task<List<LogRow>> SinceAsync(SqlWhere where, long afterId, int limit, CancellationToken cancellationToken)
    {
        where.Add($"id > {where.Parameter(afterId)}");
        await using var command = database.CreateCommand(
            $"SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} ORDER BY id LIMIT {limit}");
        where.AddTo(command);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT coalesce(max(id), 0) FROM {DayPartitions.LogTable}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<LogRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<LogRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(LogRow.Read(reader));
        }

        return rows;
    }
}
