namespace Dce.AppHost.Publishing.Graph;

/// <summary>One environment variable of a workload.</summary>
public sealed record WorkloadEnvironment(string Name, RenderedValue Value);
