namespace Dce.Insight.Logs;

/// <summary>One line a container wrote, with where it came from.</summary>
public sealed record LogLine(DateTime Time, string Cluster, string Namespace, string Pod, string Container,
    string? WorkloadKind, string? WorkloadName, string? Node, string Stream, string Message);
