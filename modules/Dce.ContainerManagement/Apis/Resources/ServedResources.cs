using Dce.ContainerManagement.Kubernetes;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// Every kind the generic endpoints serve, with the operations DCE publishes for it and the permission (resource type)
/// Global Management is asked for. Namespace roles reach the namespaced kinds of applications; cluster-scoped kinds
/// (volumes, storage classes, definitions) need a role on the whole cluster.
/// </summary>
public static class ServedResources
{
    public const string Ingresses = "ingresses";
    public const string NetworkPolicies = "networkpolicies";
    public const string Claims = "persistentvolumeclaims";
    public const string Snapshots = "volumesnapshots";
    public const string Autoscalers = "autoscalers";
    public const string Volumes = "persistentvolumes";
    public const string StorageClasses = "storageclasses";
    public const string Definitions = "customresourcedefinitions";

    public static IReadOnlyList<ServedResource> All { get; } =
    [
        new(ResourceKinds.Ingresses, "ingresses", Ingresses, Crud | Patch | ListInCluster, "Ingresses"),
        new(ResourceKinds.NetworkPolicies, "networkpolicies", NetworkPolicies, Crud | ListInCluster, "NetworkPolicies"),
        new(ResourceKinds.PersistentVolumeClaims, "persistentvolumeclaims", Claims, Crud | ListInCluster, "PersistentVolumeClaims"),
        new(ResourceKinds.VolumeSnapshots, "volumesnapshots", Snapshots, (Crud & ~Get) | ListInCluster, "VolumeSnapshots") { IsCustom = true },
        new(ResourceKinds.HorizontalPodAutoscalers, "horizontalpodautoscalers", Autoscalers, Crud & ~Get, "HorizontalPodAutoscalers"),
        new(ResourceKinds.CronHorizontalPodAutoscalers, "cronhorizontalpodautoscalers", Autoscalers, Crud & ~Get, "CronHorizontalPodAutoscalers") { IsCustom = true },
        new(ResourceKinds.VerticalPodAutoscalers, "verticalpodautoscalers", Autoscalers, Crud & ~Get, "VerticalPodAutoscalers") { IsCustom = true },
        new(ResourceKinds.ReplicaSets, "replicasets", "workloads", (Crud & ~Create) | ListInCluster, "ReplicaSets"),
        new(ResourceKinds.ControllerRevisions, "controllerrevisions", "workloads", List, "ControllerRevisions"),
        new(ResourceKinds.PersistentVolumes, "persistentvolumes", Volumes, Crud, "PersistentVolumes"),
        new(ResourceKinds.StorageClasses, "storageclasses", StorageClasses, Crud, "StorageClasses"),
        new(ResourceKinds.CustomResourceDefinitions, "customresourcedefinitions", Definitions, Crud, "CustomResourceDefinitions"),
        ResourceQuotasApi.Served,
        LimitRangesApi.Served,
    ];
}
