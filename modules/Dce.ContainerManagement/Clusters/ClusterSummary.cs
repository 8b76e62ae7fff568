namespace Dce.ContainerManagement.Clusters;

/// <summary>What the health loop last saw of a cluster; cached in Redis and served with cluster lists.</summary>
public sealed record ClusterSummary(
    string Phase,
    string? KubernetesVersion,
    int Nodes,
    int ReadyNodes,
    int Pods,
    int Workloads,
    ResourceUsage Cpu,
    ResourceUsage Memory,
    IReadOnlyList<ClusterCondition> Conditions,
    DateTimeOffset ProbedAt);

/// <summary>CPU in cores or memory in bytes: node capacity, allocatable, and usage when the cluster serves metrics.</summary>
public sealed record ResourceUsage(double Capacity, double Allocatable, double? Usage)
{
    public static ResourceUsage None { get; } = new(0, 0, null);

    public double? UsagePercent => Usage is { } used && Allocatable > 0 ? Math.Round(used / Allocatable * 100, 1) : null;
}

/// <summary>One condition of a cluster, as Kubernetes reports conditions.</summary>
public sealed record ClusterCondition(string Type, string Status, string? Reason, string? Message, DateTimeOffset LastProbeTime);
