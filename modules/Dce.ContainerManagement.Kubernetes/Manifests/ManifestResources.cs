using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The kinds a manifest may hold: core/v1, apps/v1, batch/v1, networking and autoscaling objects the module manages.</summary>
internal static class ManifestResources
{
    private static readonly ManifestResource[] All =
    [
        ClusterScoped<V1Namespace>("v1", "Namespace",
            (c, o, ct) => c.CoreV1.CreateNamespaceAsync(o, cancellationToken: ct),
            (c, n, ct) => c.CoreV1.ReadNamespaceAsync(n, cancellationToken: ct),
            (c, o, n, ct) => c.CoreV1.ReplaceNamespaceAsync(o, n, cancellationToken: ct),
            (c, n, ct) => c.CoreV1.DeleteNamespaceAsync(n, propagationPolicy: "Background", cancellationToken: ct)),
        Namespaced<V1ConfigMap>("v1", "ConfigMap",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedConfigMapAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedConfigMapAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedConfigMapAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedConfigMapAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1Secret>("v1", "Secret",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedSecretAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedSecretAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedSecretAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedSecretAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1Service>("v1", "Service",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedServiceAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedServiceAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedServiceAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedServiceAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1ServiceAccount>("v1", "ServiceAccount",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedServiceAccountAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedServiceAccountAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedServiceAccountAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1PersistentVolumeClaim>("v1", "PersistentVolumeClaim",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1ResourceQuota>("v1", "ResourceQuota",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedResourceQuotaAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedResourceQuotaAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedResourceQuotaAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedResourceQuotaAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1LimitRange>("v1", "LimitRange",
            (c, o, ns, ct) => c.CoreV1.CreateNamespacedLimitRangeAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.ReadNamespacedLimitRangeAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.CoreV1.ReplaceNamespacedLimitRangeAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.CoreV1.DeleteNamespacedLimitRangeAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1Ingress>("networking.k8s.io/v1", "Ingress",
            (c, o, ns, ct) => c.NetworkingV1.CreateNamespacedIngressAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.NetworkingV1.ReadNamespacedIngressAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.NetworkingV1.ReplaceNamespacedIngressAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.NetworkingV1.DeleteNamespacedIngressAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1NetworkPolicy>("networking.k8s.io/v1", "NetworkPolicy",
            (c, o, ns, ct) => c.NetworkingV1.CreateNamespacedNetworkPolicyAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.NetworkingV1.ReadNamespacedNetworkPolicyAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(n, ns, cancellationToken: ct)),
        Namespaced<V2HorizontalPodAutoscaler>("autoscaling/v2", "HorizontalPodAutoscaler",
            (c, o, ns, ct) => c.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.AutoscalingV2.ReplaceNamespacedHorizontalPodAutoscalerAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: ct)),
        Namespaced<V1Deployment>("apps/v1", "Deployment",
            (c, o, ns, ct) => c.AppsV1.CreateNamespacedDeploymentAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.ReadNamespacedDeploymentAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.AppsV1.ReplaceNamespacedDeploymentAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.DeleteNamespacedDeploymentAsync(n, ns, propagationPolicy: "Background", cancellationToken: ct)),
        Namespaced<V1StatefulSet>("apps/v1", "StatefulSet",
            (c, o, ns, ct) => c.AppsV1.CreateNamespacedStatefulSetAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.ReadNamespacedStatefulSetAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.AppsV1.ReplaceNamespacedStatefulSetAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.DeleteNamespacedStatefulSetAsync(n, ns, propagationPolicy: "Background", cancellationToken: ct)),
        Namespaced<V1DaemonSet>("apps/v1", "DaemonSet",
            (c, o, ns, ct) => c.AppsV1.CreateNamespacedDaemonSetAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.ReadNamespacedDaemonSetAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.AppsV1.ReplaceNamespacedDaemonSetAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.AppsV1.DeleteNamespacedDaemonSetAsync(n, ns, propagationPolicy: "Background", cancellationToken: ct)),
        Namespaced<V1Job>("batch/v1", "Job",
            (c, o, ns, ct) => c.BatchV1.CreateNamespacedJobAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.BatchV1.ReadNamespacedJobAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.BatchV1.ReplaceNamespacedJobAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.BatchV1.DeleteNamespacedJobAsync(n, ns, propagationPolicy: "Background", cancellationToken: ct)),
        Namespaced<V1CronJob>("batch/v1", "CronJob",
            (c, o, ns, ct) => c.BatchV1.CreateNamespacedCronJobAsync(o, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.BatchV1.ReadNamespacedCronJobAsync(n, ns, cancellationToken: ct),
            (c, o, n, ns, ct) => c.BatchV1.ReplaceNamespacedCronJobAsync(o, n, ns, cancellationToken: ct),
            (c, n, ns, ct) => c.BatchV1.DeleteNamespacedCronJobAsync(n, ns, propagationPolicy: "Background", cancellationToken: ct)),
    ];

    /// <summary>The kinds supported, as <c>apiVersion/Kind</c>.</summary>
    public static IEnumerable<string> Names => All.Select(r => $"{r.ApiVersion}/{r.Kind}");

    public static IReadOnlyList<ManifestKind> Kinds => [.. All.Select(r => new ManifestKind(r.ApiVersion, r.Kind, r.Namespaced))];

    public static ManifestResource? ForType(Type type) => All.FirstOrDefault(r => r.ModelType == type);

    public static ManifestResource? ForKind(string? apiVersion, string? kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    private static ManifestResource Namespaced<T>(string apiVersion, string kind,
        Func<IKubernetes, T, string, CancellationToken, Task<T>> create,
        Func<IKubernetes, string, string, CancellationToken, Task<T>> read,
        Func<IKubernetes, T, string, string, CancellationToken, Task<T>> replace,
        Func<IKubernetes, string, string, CancellationToken, Task> delete)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(typeof(T), apiVersion, kind, true,
            json => KubernetesJson.Deserialize<T>(json),
            (c, o, ns, ct) => create(c, (T)o, ns, ct),
            async (c, n, ns, ct) => await read(c, n, ns, ct),
            (c, o, ns, ct) => replace(c, (T)o, o.Metadata.Name, ns, ct),
            delete);

    private static ManifestResource ClusterScoped<T>(string apiVersion, string kind,
        Func<IKubernetes, T, CancellationToken, Task<T>> create,
        Func<IKubernetes, string, CancellationToken, Task<T>> read,
        Func<IKubernetes, T, string, CancellationToken, Task<T>> replace,
        Func<IKubernetes, string, CancellationToken, Task> delete)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(typeof(T), apiVersion, kind, false,
            json => KubernetesJson.Deserialize<T>(json),
            (c, o, _, ct) => create(c, (T)o, ct),
            async (c, n, _, ct) => await read(c, n, ct),
            (c, o, _, ct) => replace(c, (T)o, o.Metadata.Name, ct),
            (c, n, _, ct) => delete(c, n, ct));
}
