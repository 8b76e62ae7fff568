namespace Dce.Console.Components.Pages.Insight;

/// <summary>A named line of a <see cref="LineChart"/>, its points in time order.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
