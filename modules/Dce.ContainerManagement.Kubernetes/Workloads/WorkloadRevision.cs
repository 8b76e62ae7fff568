namespace Dce.ContainerManagement.Kubernetes;

/// <summary>One revision of a workload's pod template.</summary>
public sealed record WorkloadRevision(long Revision, string Name, IReadOnlyList<string> Images, DateTime? CreationTimestamp, int Replicas);
