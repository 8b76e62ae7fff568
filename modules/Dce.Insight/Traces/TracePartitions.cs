using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Dce.Insight.Traces;

/// <summary>
/// The span table's daily partitions: created before spans of a day are written, dropped whole once the day has left
/// the retention window, which costs nothing like deleting rows.
/// </summary>
public sealed class TracePartitions(TraceDatabase database)
{
    // Which days exist is only a shortcut: a replica that does not know creates again, which is harmless.
    private readonly ConcurrentDictionary<DateOnly, bool> _known = new();

    public static string NameOf(DateOnly day) => $"{TraceDatabase.Table}_{day:yyyyMMdd}";

    public async Task EnsureAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        foreach (var day in days.Distinct().Where(day => !_known.ContainsKey(day)))
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Replicas creating the same day at once would collide on the catalog; the lock makes them take turns.
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtext('{TraceDatabase.Table}')); " +
                $"CREATE TABLE IF NOT EXISTS {NameOf(day)} PARTITION OF {TraceDatabase.Table} FOR VALUES FROM ('{Bound(day)}') TO ('{Bound(day.AddDays(1))}')",
                connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _known[day] = true;
        }
    }

    /// <summary>Drops every day that ends before <paramref name="keepFrom"/>; the days dropped.</summary>
    public async Task<List<DateOnly>> DropBeforeAsync(DateTime keepFrom, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var days = new List<DateOnly>();
        await using (var list = new NpgsqlCommand(
            "SELECT child.relname FROM pg_inherits JOIN pg_class parent ON parent.oid = inhparent JOIN pg_class child ON child.oid = inhrelid WHERE parent.relname = $1",
            connection) { Parameters = { new() { Value = TraceDatabase.Table } } })
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (DateOnly.TryParseExact(reader.GetString(0)[(TraceDatabase.Table.Length + 1)..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= keepFrom)
                {
                    days.Add(day);
                }
            }
        }

        foreach (var day in days)
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {NameOf(day)}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            _known.TryRemove(day, out _);
        }

        return days;
    }

    private static string Bound(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
}
