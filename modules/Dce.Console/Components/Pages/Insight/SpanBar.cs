namespace Dce.Console.Components.Pages.Insight;

/// <summary>
/// One span's row of a trace's waterfall: its depth in the tree, and where its bar starts and how wide it is, in percent
/// of the whole trace.
/// </summary>
public sealed record SpanBar(string SpanId, string Service, string Operation, string Kind, int Depth, double OffsetPercent, double WidthPercent,
    TimeSpan Duration, bool IsError, string? StatusMessage);
