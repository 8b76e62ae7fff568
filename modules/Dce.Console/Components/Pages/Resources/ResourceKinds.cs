using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Resources;

/// <summary>
/// Every kind the resource pages show besides workloads, pods, nodes and namespaces, with DCE's paths, operations and
/// permission names as Container Management publishes them (<c>Apis/Resources/ServedResources.cs</c>, the Secrets,
/// ConfigMaps, Services, service account, RBAC and custom resource APIs).
/// </summary>
public static class ResourceKinds
{
    public const string CustomGroup = "Custom resources";

    public static IReadOnlyList<string> Groups { get; } = ["Network", "Config", "Storage", "Autoscaling", "Workloads", "Access control", CustomGroup];

    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        new("services", "Services", "Network", "v1", "Service", true, "services"),
        new("ingresses", "Ingresses", "Network", "networking.k8s.io/v1", "Ingress", true, "ingresses"),
        new("networkpolicies", "Network policies", "Network", "networking.k8s.io/v1", "NetworkPolicy", true, "networkpolicies"),
        new("configmaps", "ConfigMaps", "Config", "v1", "ConfigMap", true, "configmaps"),
        new("secrets", "Secrets", "Config", "v1", "Secret", true, "secrets"),
        new("persistentvolumeclaims", "Persistent volume claims", "Storage", "v1", "PersistentVolumeClaim", true, "persistentvolumeclaims"),
        new("persistentvolumes", "Persistent volumes", "Storage", "v1", "PersistentVolume", false, "persistentvolumes"),
        new("storageclasses", "Storage classes", "Storage", "storage.k8s.io/v1", "StorageClass", false, "storageclasses"),
        new("volumesnapshots", "Volume snapshots", "Storage", "snapshot.storage.k8s.io/v1", "VolumeSnapshot", true, "volumesnapshots"),
        new("horizontalpodautoscalers", "Horizontal pod autoscalers", "Autoscaling", "autoscaling/v2", "HorizontalPodAutoscaler", true, "autoscalers") { ListsWholeCluster = false },
        new("cronhorizontalpodautoscalers", "Cron autoscalers", "Autoscaling", "autoscaling.alibabacloud.com/v1beta1", "CronHorizontalPodAutoscaler", true, "autoscalers") { ListsWholeCluster = false },
        new("verticalpodautoscalers", "Vertical pod autoscalers", "Autoscaling", "autoscaling.k8s.io/v1", "VerticalPodAutoscaler", true, "autoscalers") { ListsWholeCluster = false },
        new("replicasets", "ReplicaSets", "Workloads", "apps/v1", "ReplicaSet", true, "workloads") { Creatable = false },
        new("serviceaccounts", "Service accounts", "Access control", "v1", "ServiceAccount", true, "serviceaccounts") { Read = ObjectRead.Object },
        new("roles", "Roles", "Access control", "rbac.authorization.k8s.io/v1", "Role", true, "roles") { Read = ObjectRead.Object, ListsWholeCluster = false },
        new("rolebindings", "Role bindings", "Access control", "rbac.authorization.k8s.io/v1", "RoleBinding", true, "rolebindings") { Read = ObjectRead.FromList, Updatable = false },
        new("clusterroles", "Cluster roles", "Access control", "rbac.authorization.k8s.io/v1", "ClusterRole", false, "clusterroles") { Read = ObjectRead.Object },
        new("clusterrolebindings", "Cluster role bindings", "Access control", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, "clusterrolebindings") { Read = ObjectRead.FromList, Updatable = false },
        new("customresourcedefinitions", "Custom resource definitions", CustomGroup, "apiextensions.k8s.io/v1", "CustomResourceDefinition", false, "customresourcedefinitions"),
    ];

    public static ResourceKind? Find(string segment) => All.FirstOrDefault(k => k.Segment == segment);

    /// <summary>
    /// A built-in kind, or a custom resource named <c>{plural}.{group}.{version}</c> as its definition in the cluster
    /// describes it (its kind and scope); null when neither.
    /// </summary>
    public static async Task<ResourceKind?> ResolveAsync(PlatformApi api, string segment, string? cluster)
    {
        if (Find(segment) is { } builtIn)
        {
            return builtIn;
        }

        var (first, last) = (segment.IndexOf('.', StringComparison.Ordinal), segment.LastIndexOf('.'));
        if (first <= 0 || last <= first || string.IsNullOrEmpty(cluster))
        {
            return null;
        }

        var (plural, group, version) = (segment[..first], segment[(first + 1)..last], segment[(last + 1)..]);
        var answer = await api.GetAsync(Find("customresourcedefinitions")!.ReadPath(cluster, null, $"{plural}.{group}"));
        using var definition = JsonDocument.Parse(answer.Text("data"));
        var spec = definition.RootElement.Prop("spec");
        return ResourceKind.Custom(plural, group, version, spec.Prop("names").Text("kind"), spec.Text("scope") != "Cluster");
    }
}
