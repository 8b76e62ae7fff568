namespace Dce.Console.Components.Pages.Insight;

/// <summary>Calls from one service to another on the service map: rate per second, error share (0 to 1), 99th percentile latency in ms.</summary>
public sealed record ServiceMapEdge(ServiceMapNode From, ServiceMapNode To, double RequestRate, double ErrorRate, double P99Millis);
