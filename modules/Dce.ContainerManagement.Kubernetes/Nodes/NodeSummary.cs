using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A node as the node list and detail pages show it.</summary>
public sealed record NodeSummary(
    string Name,
    IReadOnlyList<string> Roles,
    bool Ready,
    bool Unschedulable,
    string? Architecture,
    string? OperatingSystem,
    string? KubeletVersion,
    NodeResources Capacity,
    NodeResources Allocatable,
    NodeUsage? Usage,
    int PodCount,
    IReadOnlyList<V1Taint> Taints,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<V1NodeCondition> Conditions,
    DateTime? CreationTimestamp);

/// <summary>CPU, memory and pod counts as Kubernetes quantities.</summary>
public sealed record NodeResources(string? Cpu, string? Memory, string? Pods);

/// <summary>Current usage from <c>metrics.k8s.io</c>.</summary>
public sealed record NodeUsage(string Cpu, string Memory);
