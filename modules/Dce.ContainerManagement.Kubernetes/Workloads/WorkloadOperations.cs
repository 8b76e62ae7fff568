using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Lists, reads, creates and deletes workloads of every <see cref="WorkloadKind"/>.</summary>
public static class WorkloadOperations
{
    /// <summary>Workloads of <paramref name="kind"/> in <paramref name="ns"/>, or in every namespace when it is null.</summary>
    public static async Task<IReadOnlyList<WorkloadSummary>> ListAsync(IKubernetes client, WorkloadKind kind, string? ns, CancellationToken cancellationToken = default)
    {
        var items = await ListObjectsAsync(client, kind, ns, cancellationToken);
        return items.Select(WorkloadSummaries.From)
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The workload, its summary and its pods (for Jobs and CronJobs, the pods of their jobs).</summary>
    public static async Task<WorkloadDetail> GetAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        var workload = await ReadAsync(client, kind, ns, name, cancellationToken);
        var pods = await PodsOfAsync(client, workload, cancellationToken);
        return new WorkloadDetail(WorkloadSummaries.From(workload), workload, pods);
    }

    /// <summary>The workload object (V1Deployment, V1StatefulSet, V1DaemonSet, V1Job or V1CronJob).</summary>
    public static async Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return kind switch
        {
            WorkloadKind.Deployment => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
            WorkloadKind.StatefulSet => await client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken),
            WorkloadKind.DaemonSet => await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken),
            WorkloadKind.Job => await client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken),
            WorkloadKind.CronJob => await client.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// Validates <paramref name="form"/> and creates the workload. Invalid forms throw <see cref="WorkloadFormException"/>
    /// carrying the field errors; nothing reaches the cluster.
    /// </summary>
    public static async Task<WorkloadSummary> CreateAsync(IKubernetes client, WorkloadKind kind, string ns, WorkloadForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = WorkloadFormValidator.Validate(kind, form);
        if (errors.Count > 0)
        {
            throw new WorkloadFormException(errors);
        }

        IKubernetesObject<V1ObjectMeta> created = WorkloadFactory.Build(kind, ns, form) switch
        {
            V1Deployment d => await client.AppsV1.CreateNamespacedDeploymentAsync(d, ns, cancellationToken: cancellationToken),
            V1StatefulSet s => await client.AppsV1.CreateNamespacedStatefulSetAsync(s, ns, cancellationToken: cancellationToken),
            V1DaemonSet ds => await client.AppsV1.CreateNamespacedDaemonSetAsync(ds, ns, cancellationToken: cancellationToken),
            V1Job j => await client.BatchV1.CreateNamespacedJobAsync(j, ns, cancellationToken: cancellationToken),
            V1CronJob c => await client.BatchV1.CreateNamespacedCronJobAsync(c, ns, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return WorkloadSummaries.From(created);
    }

    /// <summary>Creates (or, with <see cref="ManifestApplyMode.Update"/>, replaces) workloads from YAML or JSON, all or nothing.</summary>
    public static Task<ManifestApplyResult> ApplyManifestAsync(IKubernetes client, string yamlOrJson, string ns, ManifestApplyMode mode, CancellationToken cancellationToken = default) =>
        ManifestApplier.ApplyAsync(client, yamlOrJson, ns, mode, cancellationToken);

    /// <summary>Deletes the workload; <paramref name="foreground"/> waits for its pods before the object goes.</summary>
    public static async Task DeleteAsync(IKubernetes client, WorkloadKind kind, string ns, string name, bool foreground = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var policy = foreground ? "Foreground" : "Background";
        switch (kind)
        {
            case WorkloadKind.Deployment:
                await client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: policy, cancellationToken: cancellationToken);
                break;
            case WorkloadKind.StatefulSet:
                await client.AppsV1.DeleteNamespacedStatefulSetAsync(name, ns, propagationPolicy: policy, cancellationToken: cancellationToken);
                break;
            case WorkloadKind.DaemonSet:
                await client.AppsV1.DeleteNamespacedDaemonSetAsync(name, ns, propagationPolicy: policy, cancellationToken: cancellationToken);
                break;
            case WorkloadKind.Job:
                await client.BatchV1.DeleteNamespacedJobAsync(name, ns, propagationPolicy: policy, cancellationToken: cancellationToken);
                break;
            case WorkloadKind.CronJob:
                await client.BatchV1.DeleteNamespacedCronJobAsync(name, ns, propagationPolicy: policy, cancellationToken: cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static async Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> ListObjectsAsync(IKubernetes client, WorkloadKind kind, string? ns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return kind switch
        {
            WorkloadKind.Deployment => ns is null
                ? (await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>()
                : (await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>(),
            WorkloadKind.StatefulSet => ns is null
                ? (await client.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>()
                : (await client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>(),
            WorkloadKind.DaemonSet => ns is null
                ? (await client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>()
                : (await client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>(),
            WorkloadKind.Job => ns is null
                ? (await client.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>()
                : (await client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>(),
            WorkloadKind.CronJob => ns is null
                ? (await client.BatchV1.ListCronJobForAllNamespacesAsync(cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>()
                : (await client.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: ct)).Items.ToList<IKubernetesObject<V1ObjectMeta>>(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static async Task<IReadOnlyList<V1Pod>> PodsOfAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> workload, CancellationToken ct)
    {
        var ns = workload.Metadata.NamespaceProperty;
        switch (workload)
        {
            case V1Job job:
                var pods = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
                return pods.Items.Where(p => OwnedBy(p.Metadata, job.Metadata.Uid)).ToList();
            case V1CronJob cronJob:
                var jobs = await client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct);
                var jobUids = jobs.Items.Where(j => OwnedBy(j.Metadata, cronJob.Metadata.Uid)).Select(j => j.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
                var all = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
                return all.Items.Where(p => p.Metadata.OwnerReferences?.Any(o => jobUids.Contains(o.Uid)) == true).ToList();
            default:
                var selector = workload switch
                {
                    V1Deployment d => d.Spec.Selector,
                    V1StatefulSet s => s.Spec.Selector,
                    V1DaemonSet ds => ds.Spec.Selector,
                    _ => throw new ArgumentException($"{workload.Kind} is not a workload", nameof(workload)),
                };
                var selected = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: LabelSelectors.ToQuery(selector), cancellationToken: ct);
                return selected.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        }
    }

    private static bool OwnedBy(V1ObjectMeta meta, string uid) => meta.OwnerReferences?.Any(o => o.Uid == uid) == true;
}
