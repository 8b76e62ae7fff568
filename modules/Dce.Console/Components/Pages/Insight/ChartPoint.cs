namespace Dce.Console.Components.Pages.Insight;

/// <summary>One sample of a series: when, and its value.</summary>
public readonly record struct ChartPoint(DateTimeOffset At, double Value);
