using k8s.Models;

namespace Dce.KubeSim.Machinery;

/// <summary>The resources every simulated cluster serves before any CustomResourceDefinition is added.</summary>
public static class BuiltinResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "Namespace", typeof(V1Namespace), namespaced: false, status: true, shortNames: ["ns"]),
        Core("nodes", "Node", typeof(V1Node), namespaced: false, status: true, shortNames: ["no"]),
        Core("pods", "Pod", typeof(V1Pod), status: true, shortNames: ["po"], all: true) with { HasLog = true },
        Core("services", "Service", typeof(V1Service), status: true, shortNames: ["svc"], all: true),
        Core("endpoints", "Endpoints", typeof(V1Endpoints), shortNames: ["ep"]),
        Core("configmaps", "ConfigMap", typeof(V1ConfigMap), shortNames: ["cm"]),
        Core("secrets", "Secret", typeof(V1Secret)),
        Core("serviceaccounts", "ServiceAccount", typeof(V1ServiceAccount), shortNames: ["sa"]),
        Core("events", "Event", typeof(Corev1Event), shortNames: ["ev"]),
        Core("resourcequotas", "ResourceQuota", typeof(V1ResourceQuota), status: true, shortNames: ["quota"]),
        Core("limitranges", "LimitRange", typeof(V1LimitRange), shortNames: ["limits"]),
        Core("persistentvolumeclaims", "PersistentVolumeClaim", typeof(V1PersistentVolumeClaim), status: true, shortNames: ["pvc"]),
        Core("persistentvolumes", "PersistentVolume", typeof(V1PersistentVolume), namespaced: false, status: true, shortNames: ["pv"]),
        Core("replicationcontrollers", "ReplicationController", typeof(V1ReplicationController), status: true, shortNames: ["rc"], all: true) with { HasScale = true },
        Apps("deployments", "Deployment", typeof(V1Deployment), ["deploy"]),
        Apps("replicasets", "ReplicaSet", typeof(V1ReplicaSet), ["rs"]),
        Apps("statefulsets", "StatefulSet", typeof(V1StatefulSet), ["sts"]),
        Apps("daemonsets", "DaemonSet", typeof(V1DaemonSet), ["ds"]) with { HasScale = false },
        Of("apps", "v1", "controllerrevisions", "ControllerRevision", typeof(V1ControllerRevision)),
        Of("batch", "v1", "jobs", "Job", typeof(V1Job)) with { HasStatus = true, Categories = ["all"] },
        Of("batch", "v1", "cronjobs", "CronJob", typeof(V1CronJob)) with { HasStatus = true, ShortNames = ["cj"], Categories = ["all"] },
        Of("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", typeof(V2HorizontalPodAutoscaler)) with { HasStatus = true, ShortNames = ["hpa"], Categories = ["all"] },
        Of("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", typeof(V1HorizontalPodAutoscaler)) with { HasStatus = true, ShortNames = ["hpa"], Categories = ["all"], Converter = Versions.HorizontalPodAutoscalerV1.Instance },
        Of("networking.k8s.io", "v1", "ingresses", "Ingress", typeof(V1Ingress)) with { HasStatus = true, ShortNames = ["ing"] },
        Of("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", typeof(V1NetworkPolicy)) with { ShortNames = ["netpol"] },
        Of("networking.k8s.io", "v1", "ingressclasses", "IngressClass", typeof(V1IngressClass)) with { Namespaced = false },
        Of("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", typeof(V1PodDisruptionBudget)) with { HasStatus = true, ShortNames = ["pdb"] },
        Of("coordination.k8s.io", "v1", "leases", "Lease", typeof(V1Lease)),
        Of("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", typeof(V1EndpointSlice)),
        Of("storage.k8s.io", "v1", "storageclasses", "StorageClass", typeof(V1StorageClass)) with { Namespaced = false, ShortNames = ["sc"] },
        Of("rbac.authorization.k8s.io", "v1", "roles", "Role", typeof(V1Role)),
        Of("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", typeof(V1RoleBinding)),
        Of("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", typeof(V1ClusterRole)) with { Namespaced = false },
        Of("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", typeof(V1ClusterRoleBinding)) with { Namespaced = false },
        Of("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", typeof(V1CustomResourceDefinition)) with { Namespaced = false, HasStatus = true, ShortNames = ["crd", "crds"] },
        Review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", typeof(V1SelfSubjectAccessReview)),
        Review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", typeof(V1SelfSubjectRulesReview)),
        Review("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", typeof(V1SubjectAccessReview)),
        Review("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", typeof(V1LocalSubjectAccessReview)) with { Namespaced = true },
        Review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", typeof(V1SelfSubjectReview)),
        Review("authentication.k8s.io", "tokenreviews", "TokenReview", typeof(V1TokenReview)),
        Of("metrics.k8s.io", "v1beta1", "nodes", "NodeMetrics", typeof(object)) with { Namespaced = false, ReadOnly = true },
        Of("metrics.k8s.io", "v1beta1", "pods", "PodMetrics", typeof(object)) with { ReadOnly = true },
    ];

    private static ResourceType Core(string plural, string kind, Type model, bool namespaced = true, bool status = false,
        string[]? shortNames = null, bool all = false) => new()
    {
        Group = "", Version = "v1", Plural = plural, Kind = kind, ModelType = model, Namespaced = namespaced,
        HasStatus = status, ShortNames = shortNames ?? [], Categories = all ? ["all"] : [],
    };

    private static ResourceType Apps(string plural, string kind, Type model, string[] shortNames) => new()
    {
        Group = "apps", Version = "v1", Plural = plural, Kind = kind, ModelType = model, HasStatus = true,
        HasScale = true, ShortNames = shortNames, Categories = ["all"],
    };

    /// <summary>A create-only review resource: never stored, so read-only to every controller that walks storage.</summary>
    private static ResourceType Review(string group, string plural, string kind, Type model) => new()
    {
        Group = group, Version = "v1", Plural = plural, Kind = kind, ModelType = model, Namespaced = false, ReadOnly = true, Virtual = true,
    };

    private static ResourceType Of(string group, string version, string plural, string kind, Type model) => new()
    {
        Group = group, Version = version, Plural = plural, Kind = kind, ModelType = model,
    };
}
