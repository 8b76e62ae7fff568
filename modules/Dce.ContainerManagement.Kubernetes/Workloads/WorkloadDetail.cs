using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A workload with its summary and the pods it runs.</summary>
public sealed record WorkloadDetail(WorkloadSummary Summary, IKubernetesObject<V1ObjectMeta> Workload, IReadOnlyList<V1Pod> Pods);
