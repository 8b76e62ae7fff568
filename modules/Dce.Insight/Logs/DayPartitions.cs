using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// The daily range partitions of the log and event tables: created on demand by writers and ahead by maintenance,
/// dropped whole once older than the retention (the creating function lives in the database, see the LogsAndEvents
/// migration; dropping is the retention job's own statement, never a migration's).
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
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = @table AND c.relname ~ ('^' || @table || '_[0-9]{8}$') AND to_date(right(c.relname, 8), 'YYYYMMDD') < @before
            """, connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("before", before);
        var dropped = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                dropped.Add(reader.GetString(0));
            }
        }

        foreach (var partition in dropped)
        {
            // The name was read from the catalogue and matched <table>_YYYYMMDD above; quoted all the same.
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{partition.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        return dropped;
    }

    public static DateOnly DayOf(DateTime time) => DateOnly.FromDateTime(time.ToUniversalTime());
}
