using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The table of workload kinds: the one place that knows each kind's API calls and shape.</summary>
public static class WorkloadKinds
{
    private static readonly WorkloadKindInfo[] Table =
    [
        new()
        {
            Kind = WorkloadKind.Deployment, Plural = "deployments", ApiVersion = "apps/v1", ObjectType = typeof(V1Deployment),
            Resource = ResourceKinds.Deployments, FromJson = json => KubernetesJson.Deserialize<V1Deployment>(json),
            PodTemplatePath = "/spec/template", PodTemplate = o => ((V1Deployment)o).Spec.Template, Selector = o => ((V1Deployment)o).Spec.Selector,
            Summary = o => WorkloadSummaries.Of((V1Deployment)o), Build = WorkloadFactory.Deployment,
            ReadAsync = async (c, ns, name, ct) => await c.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
            ListAsync = async (c, ns, ct) => ns is null
                ? [.. (await c.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct)).Items]
                : [.. (await c.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct)).Items],
            CreateAsync = async (c, o, ns, ct) => await c.AppsV1.CreateNamespacedDeploymentAsync((V1Deployment)o, ns, cancellationToken: ct),
            PatchAsync = async (c, patch, ns, name, ct) => await c.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: ct),
            DeleteAsync = (c, ns, name, policy, ct) => c.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: policy, cancellationToken: ct),
            ScaleAsync = (c, patch, ns, name, ct) => c.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, ns, cancellationToken: ct),
            Restartable = true, PauseField = "paused", Revisions = RevisionHistory.ReplicaSets,
        },
        new()
        {
            Kind = WorkloadKind.StatefulSet, Plural = "statefulsets", ApiVersion = "apps/v1", ObjectType = typeof(V1StatefulSet),
            Resource = ResourceKinds.StatefulSets, FromJson = json => KubernetesJson.Deserialize<V1StatefulSet>(json),
            PodTemplatePath = "/spec/template", PodTemplate = o => ((V1StatefulSet)o).Spec.Template, Selector = o => ((V1StatefulSet)o).Spec.Selector,
            Summary = o => WorkloadSummaries.Of((V1StatefulSet)o), Build = WorkloadFactory.StatefulSet,
            ReadAsync = async (c, ns, name, ct) => await c.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct),
            ListAsync = async (c, ns, ct) => ns is null
                ? [.. (await c.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: ct)).Items]
                : [.. (await c.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: ct)).Items],
            CreateAsync = async (c, o, ns, ct) => await c.AppsV1.CreateNamespacedStatefulSetAsync((V1StatefulSet)o, ns, cancellationToken: ct),
            PatchAsync = async (c, patch, ns, name, ct) => await c.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: ct),
            DeleteAsync = (c, ns, name, policy, ct) => c.AppsV1.DeleteNamespacedStatefulSetAsync(name, ns, propagationPolicy: policy, cancellationToken: ct),
            ScaleAsync = (c, patch, ns, name, ct) => c.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, name, ns, cancellationToken: ct),
            Restartable = true, Revisions = RevisionHistory.ControllerRevisions,
        },
        new()
        {
            Kind = WorkloadKind.DaemonSet, Plural = "daemonsets", ApiVersion = "apps/v1", ObjectType = typeof(V1DaemonSet),
            Resource = ResourceKinds.DaemonSets, FromJson = json => KubernetesJson.Deserialize<V1DaemonSet>(json),
            PodTemplatePath = "/spec/template", PodTemplate = o => ((V1DaemonSet)o).Spec.Template, Selector = o => ((V1DaemonSet)o).Spec.Selector,
            Summary = o => WorkloadSummaries.Of((V1DaemonSet)o), Build = WorkloadFactory.DaemonSet,
            ReadAsync = async (c, ns, name, ct) => await c.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct),
            ListAsync = async (c, ns, ct) => ns is null
                ? [.. (await c.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: ct)).Items]
                : [.. (await c.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: ct)).Items],
            CreateAsync = async (c, o, ns, ct) => await c.AppsV1.CreateNamespacedDaemonSetAsync((V1DaemonSet)o, ns, cancellationToken: ct),
            PatchAsync = async (c, patch, ns, name, ct) => await c.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, ns, cancellationToken: ct),
            DeleteAsync = (c, ns, name, policy, ct) => c.AppsV1.DeleteNamespacedDaemonSetAsync(name, ns, propagationPolicy: policy, cancellationToken: ct),
            Restartable = true, Revisions = RevisionHistory.ControllerRevisions,
        },
        new()
        {
            Kind = WorkloadKind.Job, Plural = "jobs", ApiVersion = "batch/v1", ObjectType = typeof(V1Job),
            Resource = ResourceKinds.Jobs, FromJson = json => KubernetesJson.Deserialize<V1Job>(json),
            PodTemplatePath = "/spec/template", PodTemplate = o => ((V1Job)o).Spec.Template,
            Summary = o => WorkloadSummaries.Of((V1Job)o), Build = WorkloadFactory.Job,
            ReadAsync = async (c, ns, name, ct) => await c.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: ct),
            ListAsync = async (c, ns, ct) => ns is null
                ? [.. (await c.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: ct)).Items]
                : [.. (await c.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct)).Items],
            CreateAsync = async (c, o, ns, ct) => await c.BatchV1.CreateNamespacedJobAsync((V1Job)o, ns, cancellationToken: ct),
            PatchAsync = async (c, patch, ns, name, ct) => await c.BatchV1.PatchNamespacedJobAsync(patch, name, ns, cancellationToken: ct),
            DeleteAsync = (c, ns, name, policy, ct) => c.BatchV1.DeleteNamespacedJobAsync(name, ns, propagationPolicy: policy, cancellationToken: ct),
        },
        new()
        {
            Kind = WorkloadKind.CronJob, Plural = "cronjobs", ApiVersion = "batch/v1", ObjectType = typeof(V1CronJob),
            Resource = ResourceKinds.CronJobs, FromJson = json => KubernetesJson.Deserialize<V1CronJob>(json),
            PodTemplatePath = "/spec/jobTemplate/spec/template", PodTemplate = o => ((V1CronJob)o).Spec.JobTemplate.Spec.Template,
            Summary = o => WorkloadSummaries.Of((V1CronJob)o), Build = WorkloadFactory.CronJob,
            ReadAsync = async (c, ns, name, ct) => await c.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct),
            ListAsync = async (c, ns, ct) => ns is null
                ? [.. (await c.BatchV1.ListCronJobForAllNamespacesAsync(cancellationToken: ct)).Items]
                : [.. (await c.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: ct)).Items],
            CreateAsync = async (c, o, ns, ct) => await c.BatchV1.CreateNamespacedCronJobAsync((V1CronJob)o, ns, cancellationToken: ct),
            PatchAsync = async (c, patch, ns, name, ct) => await c.BatchV1.PatchNamespacedCronJobAsync(patch, name, ns, cancellationToken: ct),
            DeleteAsync = (c, ns, name, policy, ct) => c.BatchV1.DeleteNamespacedCronJobAsync(name, ns, propagationPolicy: policy, cancellationToken: ct),
            PauseField = "suspend", Scheduled = true,
        },
    ];

    private static readonly Dictionary<string, WorkloadKindInfo> ByPlural = Table.ToDictionary(k => k.Plural, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind, in display order.</summary>
    public static IReadOnlyList<WorkloadKind> All { get; } = [.. Table.Select(k => k.Kind)];

    /// <summary>What the table says about <paramref name="kind"/>.</summary>
    public static WorkloadKindInfo Info(this WorkloadKind kind) =>
        Table.FirstOrDefault(k => k.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>The row of a workload object; throws <see cref="ArgumentException"/> for an object that is not a workload.</summary>
    public static WorkloadKindInfo Of(IKubernetesObject<V1ObjectMeta> workload) =>
        Table.FirstOrDefault(k => k.ObjectType == workload?.GetType()) ?? throw new ArgumentException($"{workload?.Kind} is not a workload", nameof(workload));

    /// <summary>The kind named by a path segment such as <c>statefulsets</c>.</summary>
    public static bool TryParse(string? segment, out WorkloadKind kind)
    {
        var found = ByPlural.TryGetValue(segment ?? "", out var info);
        kind = found ? info!.Kind : default;
        return found;
    }

    /// <summary>The kind named by <paramref name="segment"/>; throws <see cref="ArgumentException"/> for any other.</summary>
    public static WorkloadKind Parse(string segment) =>
        TryParse(segment, out var kind) ? kind : throw new ArgumentException($"unknown workload kind \"{segment}\"", nameof(segment));

    /// <summary>The path segment (plural resource name) of <paramref name="kind"/>.</summary>
    public static string PathSegment(this WorkloadKind kind) => kind.Info().Plural;
}
