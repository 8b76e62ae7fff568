using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Where a workload's revisions are kept, which decides how it rolls back.</summary>
public enum RevisionHistory
{
    None,
    ReplicaSets,
    ControllerRevisions,
}

/// <summary>
/// One workload kind: its place in the Kubernetes API, the calls that read and change its objects, how to read an
/// object's pod template, summary and pods, and which day-two actions it takes. <see cref="WorkloadKinds"/> holds one per kind.
/// </summary>
public sealed record WorkloadKindInfo
{
    public required WorkloadKind Kind { get; init; }

    /// <summary>The plural resource name, which is also DCE's path segment (<c>deployments</c>).</summary>
    public required string Plural { get; init; }

    /// <summary>The API group and version (<c>apps/v1</c>).</summary>
    public required string ApiVersion { get; init; }

    public required Type ObjectType { get; init; }

    /// <summary>The kind as the cluster's REST API serves it, for reading its objects as JSON.</summary>
    public required ResourceKind Resource { get; init; }

    /// <summary>Reads an object of the kind from its JSON.</summary>
    public required Func<string, IKubernetesObject<V1ObjectMeta>> FromJson { get; init; }

    /// <summary>The JSON pointer of the pod template in the object.</summary>
    public required string PodTemplatePath { get; init; }

    public required Func<IKubernetesObject<V1ObjectMeta>, V1PodTemplateSpec> PodTemplate { get; init; }

    public required Func<IKubernetesObject<V1ObjectMeta>, WorkloadSummary> Summary { get; init; }

    /// <summary>The selector of its pods; null for kinds whose pods are found through their owners (Jobs, CronJobs).</summary>
    public Func<IKubernetesObject<V1ObjectMeta>, V1LabelSelector>? Selector { get; init; }

    public required Func<string, WorkloadForm, IKubernetesObject<V1ObjectMeta>> Build { get; init; }

    /// <summary>Reads one object: client, namespace, name.</summary>
    public required Func<IKubernetes, string, string, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> ReadAsync { get; init; }

    /// <summary>Lists the objects of a namespace, or of every namespace when it is null.</summary>
    public required Func<IKubernetes, string?, CancellationToken, Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>>> ListAsync { get; init; }

    public required Func<IKubernetes, IKubernetesObject<V1ObjectMeta>, string, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> CreateAsync { get; init; }

    /// <summary>Patches one object: client, patch, namespace, name.</summary>
    public required Func<IKubernetes, V1Patch, string, string, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> PatchAsync { get; init; }

    /// <summary>Deletes one object: client, namespace, name, propagation policy.</summary>
    public required Func<IKubernetes, string, string, string, CancellationToken, Task> DeleteAsync { get; init; }

    /// <summary>Patches the <c>scale</c> subresource; null when the kind cannot be scaled.</summary>
    public Func<IKubernetes, V1Patch, string, string, CancellationToken, Task<V1Scale>>? ScaleAsync { get; init; }

    /// <summary>Whether a new pod-template annotation restarts every pod, as <c>kubectl rollout restart</c> does.</summary>
    public bool Restartable { get; init; }

    /// <summary>The boolean <c>spec</c> field that pauses the kind (<c>paused</c>, <c>suspend</c>); null when it cannot be paused.</summary>
    public string? PauseField { get; init; }

    public RevisionHistory Revisions { get; init; }

    /// <summary>Whether its form needs a cron schedule.</summary>
    public bool Scheduled { get; init; }
}
