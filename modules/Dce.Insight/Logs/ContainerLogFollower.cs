using System.Globalization;
using Dce.Kubernetes.Resources;
using Npgsql;

namespace Dce.Insight.Logs;

/// <summary>
/// Follows one container's log from the last line stored for it: asks the API server from that instant and skips the
/// lines already stored (those before it, and as many at it as are stored), so a restart neither loses nor repeats lines.
/// </summary>
public sealed class ContainerLogFollower(string cluster, k8s.Kubernetes client, ContainerSource source, LogWriter writer, NpgsqlDataSource database)
{
    public const string Stream = "combined";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (since, storedAtSince) = await LastStoredAsync(cancellationToken);
        var path = PodLogPath.Follow(source.Namespace, source.Pod, source.Container, timestamps: true,
            since is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)) : null);
        using var reader = new StreamReader(await ResourceClient.OpenStreamAsync(client, path, cancellationToken));
        var skippedAtSince = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            if (!TryParse(text, out var time, out var message))
            {
                continue;
            }

            if (since is { } resumed && (time < resumed || (time == resumed && skippedAtSince++ < storedAtSince)))
            {
                continue;
            }

            await writer.EnqueueAsync(new LogLine(time, cluster, source.Namespace, source.Pod, source.Container, source.WorkloadKind, source.WorkloadName,
                source.Node, Stream, message), cancellationToken);
        }
    }

    /// <summary>Splits the kubelet's timestamp from the line, to the microsecond the database keeps.</summary>
    private static bool TryParse(string text, out DateTime time, out string message)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        message = space < 0 ? "" : text[(space + 1)..];
        if (space < 0 || !DateTime.TryParse(text.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
        {
            time = default;
            return false;
        }

        time = DateTime.SpecifyKind(new DateTime(time.Ticks - time.Ticks % 10, DateTimeKind.Utc), DateTimeKind.Utc);
        return true;
    }

    private async Task<(DateTime? Since, int StoredAtSince)> LastStoredAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT time, count(*)::int FROM {DayPartitions.LogTable}
            WHERE cluster = @cluster AND namespace = @namespace AND pod = @pod AND container = @container
              AND time = (SELECT max(time) FROM {DayPartitions.LogTable} WHERE cluster = @cluster AND namespace = @namespace AND pod = @pod AND container = @container)
            GROUP BY time
            """);
        command.Parameters.AddWithValue("cluster", cluster);
        command.Parameters.AddWithValue("namespace", source.Namespace);
        command.Parameters.AddWithValue("pod", source.Pod);
        command.Parameters.AddWithValue("container", source.Container);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt32(1)) : (null, 0);
    }
}
