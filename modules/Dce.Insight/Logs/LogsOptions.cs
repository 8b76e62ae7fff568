namespace Dce.Insight.Logs;

/// <summary>Settings of log and event collection and queries (<c>Insight:Logs</c>).</summary>
public sealed class LogsOptions
{
    public const string Section = "Insight:Logs";

    /// <summary>How long log lines and events are kept; whole days older than this are dropped.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most container logs followed at once per cluster; containers past it wait for a free stream.</summary>
    public int MaxStreamsPerCluster { get; set; } = 100;

    /// <summary>How often log streams are started and stopped to match the watched pods, and clusters matched to the ring.</summary>
    public TimeSpan PodResyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often partitions are created ahead and dropped after <see cref="Retention"/>.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most rows one page may hold.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The deepest row <c>page</c>/<c>pageSize</c> may reach; deeper pages use the keyset <c>cursor</c>.</summary>
    public int MaxPageDepth { get; set; } = 10_000;

    /// <summary>The widest time range one query may cover.</summary>
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the live tail looks for new lines.</summary>
    public TimeSpan TailPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
