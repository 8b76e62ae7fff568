namespace Dce.Insight.Traces;

/// <summary>Trace ingestion and storage settings (<c>Insight:Traces</c>).</summary>
public sealed class TracesOptions
{
    public const string Section = "Insight:Traces";

    /// <summary>The bearer keys senders present on <c>POST /v1/traces</c>; several so a key can be rotated without a gap. None: every export is refused.</summary>
    public List<string> IngestKeys { get; set; } = [];

    /// <summary>How long spans are kept; whole days are dropped once all their spans are older.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest export body, compressed or not, in bytes; larger gives 413.</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most traces or spans one query may ask for; more gives 422.</summary>
    public int MaxQueryLimit { get; set; } = 1000;

    /// <summary>How often the retention job drops expired days and prepares the next ones.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(10);
}
