using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// The daily range partitions of the log and event tables: created on demand by writers and ahead by maintenance,
/// dropped whole once older than the retention (the functions live in the database, see the LogsAndEvents migration).
/// </summary>
public static class DayPartitions
{
    public const string LogTable = "insight_log_lines";
    public const string EventTable = "insight_events";

    public static async Task EnsureAsync(NpgsqlConnection connection, string table, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT insight_ensure_day_partition(@table, @day)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("day", day);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops the partitions of <paramref name="table"/> whose whole day is before <paramref name="before"/>; their names.</summary>
    public static async Task<List<string>> DropBeforeAsync(NpgsqlConnection connection, string table, DateOnly before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT insight_drop_day_partitions(@table, @before)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("before", before);
        var dropped = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dropped.Add(reader.GetString(0));
        }

        return dropped;
    }

    public static DateOnly DayOf(DateTime time) => DateOnly.FromDateTime(time.ToUniversalTime());
}
