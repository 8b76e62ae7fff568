using System.Collections.Concurrent;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// Upserts events by cluster, uid and first time: a re-delivered or relisted event changes nothing, a recurrence with a
/// higher count moves its count, last time and message forward, an older copy never moves them back.
/// </summary>
public sealed class EventWriter(NpgsqlDataSource database)
{
    private const string Upsert = $"""
        INSERT INTO {DayPartitions.EventTable} (cluster, uid, name, namespace, first_time, last_time, count, object_kind, object_name, reason, type, message, source_component, source_host)
        VALUES (@cluster, @uid, @name, @namespace, @first, @last, @count, @kind, @object, @reason, @type, @message, @component, @host)
        ON CONFLICT (cluster, uid, first_time) DO UPDATE SET last_time = excluded.last_time, count = excluded.count, message = excluded.message, type = excluded.type
        WHERE {DayPartitions.EventTable}.count <= excluded.count
        """;

    private readonly ConcurrentDictionary<DateOnly, bool> ensuredDays = new();

    public async Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var day in events.Select(e => DayPartitions.DayOf(e.FirstTime)).Distinct().Where(day => !ensuredDays.ContainsKey(day)))
        {
            await DayPartitions.EnsureAsync(connection, DayPartitions.EventTable, day, cancellationToken);
            ensuredDays[day] = true;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            var command = new NpgsqlBatchCommand(Upsert);
            command.Parameters.AddWithValue("cluster", e.Cluster);
            command.Parameters.AddWithValue("uid", e.Uid);
            command.Parameters.AddWithValue("name", e.Name);
            command.Parameters.AddWithValue("namespace", e.Namespace);
            command.Parameters.AddWithValue("first", e.FirstTime);
            command.Parameters.AddWithValue("last", e.LastTime);
            command.Parameters.AddWithValue("count", e.Count);
            command.Parameters.AddWithValue("kind", (object?)e.ObjectKind ?? DBNull.Value);
            command.Parameters.AddWithValue("object", (object?)e.ObjectName ?? DBNull.Value);
            command.Parameters.AddWithValue("reason", (object?)e.Reason ?? DBNull.Value);
            command.Parameters.AddWithValue("type", (object?)e.Type ?? DBNull.Value);
            command.Parameters.AddWithValue("message", (object?)e.Message ?? DBNull.Value);
            command.Parameters.AddWithValue("component", (object?)e.SourceComponent ?? DBNull.Value);
            command.Parameters.AddWithValue("host", (object?)e.SourceHost ?? DBNull.Value);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public void ForgetPartitions() => ensuredDays.Clear();
}
