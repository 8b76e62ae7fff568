namespace Dce.ContainerManagement.Kubernetes;

/// <summary>One row of a workload list, the same shape for every kind.</summary>
public sealed record WorkloadSummary(
    WorkloadKind Kind,
    string Namespace,
    string Name,
    int DesiredReplicas,
    int ReadyReplicas,
    int AvailableReplicas,
    int UpdatedReplicas,
    IReadOnlyList<string> Images,
    WorkloadStatus Status,
    DateTime? CreationTimestamp,
    IReadOnlyDictionary<string, string> Labels);
