namespace Dce.Console.Components.Pages.Clusters;

/// <summary>One bar of a <see cref="UsageChart"/>: what is used, in percent, and the amounts in words.</summary>
public sealed record UsageBar(string Label, double Percent, string Detail);
