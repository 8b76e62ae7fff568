namespace Dce.Insight;

/// <summary>Insight's settings (<c>Insight</c>).</summary>
public sealed class InsightOptions
{
    public const string Section = "Insight";

    /// <summary>How often every target of every cluster is scraped.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most points a range query may return per series (the engine's own limit is 30,000); more gives 422.</summary>
    public int MaxPointsPerSeries { get; set; } = 11_000;
}
