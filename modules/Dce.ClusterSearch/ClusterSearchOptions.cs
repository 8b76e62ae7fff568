using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch;

/// <summary>What is synced and how (<c>ClusterSearch</c>).</summary>
public sealed class ClusterSearchOptions
{
    public const string Section = "ClusterSearch";

    /// <summary>The types to index; empty means <see cref="DefaultResources"/>.</summary>
    public List<ResourceType> Resources { get; set; } = [];

    /// <summary>Types indexed in addition to <see cref="Resources"/>, e.g. custom resources.</summary>
    public List<ResourceType> CustomResources { get; set; } = [];

    /// <summary>Objects asked for per list page.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>How long the writer gathers changes before one batched write.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The most changes in one batched write.</summary>
    public int MaxBatchSize { get; set; } = 5000;

    /// <summary>The most changes waiting for the writer; beyond it the syncs wait, and their watches are read no further.</summary>
    public int WriterCapacity { get; set; } = 20_000;

    /// <summary>The longest watch event (one line) read from a cluster; a longer one fails the watch, which then resumes.</summary>
    public int MaxWatchEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a watch runs before it is renewed from its last resourceVersion.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a cluster with sync settings is asked again which types they choose, so a CustomResourceDefinition
    /// created (or deleted) after the settings were saved is synced (or dropped) without another change to them.
    /// </summary>
    public TimeSpan TypeRediscoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between attempts while a cluster does not answer.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Page size when a search gives no <c>limit</c>, and the largest it may give.</summary>
    public int DefaultLimit { get; set; } = 500;

    public int MaxLimit { get; set; } = 10_000;

    /// <summary>How long an identical search is answered from Redis (only while the index has not changed).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<ResourceType> EffectiveResources =>
        [.. (Resources.Count > 0 ? Resources : DefaultResources).Concat(CustomResources)];

    /// <summary>What DCE 5.0's resource search covers out of the box.</summary>
    public static IReadOnlyList<ResourceType> DefaultResources { get; } =
    [
        new("", "v1", "namespaces", "Namespace", false),
        new("", "v1", "nodes", "Node", false),
        new("", "v1", "pods", "Pod", true),
        new("", "v1", "services", "Service", true),
        new("", "v1", "configmaps", "ConfigMap", true),
        new("", "v1", "secrets", "Secret", true),
        new("", "v1", "events", "Event", true),
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
        new("apps", "v1", "deployments", "Deployment", true),
        new("apps", "v1", "replicasets", "ReplicaSet", true),
        new("apps", "v1", "statefulsets", "StatefulSet", true),
        new("apps", "v1", "daemonsets", "DaemonSet", true),
        new("batch", "v1", "jobs", "Job", true),
        new("batch", "v1", "cronjobs", "CronJob", true),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true),
    ];
}
