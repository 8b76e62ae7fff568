using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Reads a <see cref="WorkloadSummary"/> and the pod template off each workload kind.</summary>
public static class WorkloadSummaries
{
    /// <summary>The summary of a V1Deployment, V1StatefulSet, V1DaemonSet, V1Job or V1CronJob.</summary>
    public static WorkloadSummary From(IKubernetesObject<V1ObjectMeta> workload) => WorkloadKinds.Of(workload).Summary(workload);

    /// <summary>The pod template of a workload.</summary>
    public static V1PodTemplateSpec PodTemplate(IKubernetesObject<V1ObjectMeta> workload) => WorkloadKinds.Of(workload).PodTemplate(workload);

    internal static WorkloadSummary Of(V1Deployment d) => Summary(WorkloadKind.Deployment, d.Metadata, d.Spec.Template,
        d.Spec.Replicas ?? 1, d.Status?.ReadyReplicas, d.Status?.AvailableReplicas, d.Status?.UpdatedReplicas,
        d.Spec.Paused == true ? WorkloadStatus.Paused : Replicated(d.Spec.Replicas ?? 1, d.Status?.AvailableReplicas, d.Status?.UpdatedReplicas));

    internal static WorkloadSummary Of(V1StatefulSet s) => Summary(WorkloadKind.StatefulSet, s.Metadata, s.Spec.Template,
        s.Spec.Replicas ?? 1, s.Status?.ReadyReplicas, s.Status?.AvailableReplicas, s.Status?.UpdatedReplicas,
        Replicated(s.Spec.Replicas ?? 1, s.Status?.ReadyReplicas, s.Status?.ReadyReplicas));

    internal static WorkloadSummary Of(V1DaemonSet ds) => Summary(WorkloadKind.DaemonSet, ds.Metadata, ds.Spec.Template,
        ds.Status?.DesiredNumberScheduled ?? 0, ds.Status?.NumberReady, ds.Status?.NumberAvailable, ds.Status?.UpdatedNumberScheduled,
        (ds.Status?.NumberReady ?? 0) >= (ds.Status?.DesiredNumberScheduled ?? 0) && ds.Status is not null ? WorkloadStatus.Running : WorkloadStatus.Waiting);

    internal static WorkloadSummary Of(V1Job j) => Summary(WorkloadKind.Job, j.Metadata, j.Spec.Template,
        j.Spec.Completions ?? 1, j.Status?.Ready ?? j.Status?.Active, j.Status?.Succeeded, j.Status?.Succeeded, JobStatus(j));

    internal static WorkloadSummary Of(V1CronJob c) => Summary(WorkloadKind.CronJob, c.Metadata, c.Spec.JobTemplate.Spec.Template,
        0, c.Status?.Active?.Count, c.Status?.Active?.Count, 0,
        c.Spec.Suspend == true ? WorkloadStatus.Paused : WorkloadStatus.Running);

    private static WorkloadStatus Replicated(int desired, int? available, int? updated) =>
        desired == 0 ? WorkloadStatus.Stopped
        : (available ?? 0) >= desired && (updated ?? 0) >= desired ? WorkloadStatus.Running
        : WorkloadStatus.Waiting;

    private static WorkloadStatus JobStatus(V1Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        return conditions.Any(c => c.Type is "Complete" && c.Status == "True") ? WorkloadStatus.Completed
            : conditions.Any(c => c.Type is "Failed" && c.Status == "True") ? WorkloadStatus.Failed
            : job.Spec.Suspend == true ? WorkloadStatus.Paused
            : (job.Status?.Active ?? 0) > 0 ? WorkloadStatus.Running
            : WorkloadStatus.Waiting;
    }

    private static WorkloadSummary Summary(WorkloadKind kind, V1ObjectMeta meta, V1PodTemplateSpec template,
        int desired, int? ready, int? available, int? updated, WorkloadStatus status) =>
        new(kind, meta.NamespaceProperty ?? "", meta.Name, desired, ready ?? 0, available ?? 0, updated ?? 0,
            template.Spec.Containers.Select(c => c.Image).ToList(), status, meta.CreationTimestamp,
            meta.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(meta.Labels));
}
