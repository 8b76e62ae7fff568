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
    public static Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return kind.Info().ReadAsync(client, ns, name, cancellationToken);
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

        var info = kind.Info();
        var created = await info.CreateAsync(client, info.Build(ns, form), ns, cancellationToken);
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
        await kind.Info().DeleteAsync(client, ns, name, policy, cancellationToken);
    }

    private static Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> ListObjectsAsync(IKubernetes client, WorkloadKind kind, string? ns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return kind.Info().ListAsync(client, ns, ct);
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
                var selector = WorkloadKinds.Of(workload).Selector?.Invoke(workload)
                    ?? throw new ArgumentException($"{workload.Kind} is not a workload", nameof(workload));
                var selected = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: LabelSelectors.ToQuery(selector), cancellationToken: ct);
                return selected.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        }
    }

    private static bool OwnedBy(V1ObjectMeta meta, string uid) => meta.OwnerReferences?.Any(o => o.Uid == uid) == true;
}
