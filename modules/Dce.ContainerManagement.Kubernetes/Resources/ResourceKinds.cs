namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The kinds Container Management serves through its generic resource endpoints.</summary>
public static class ResourceKinds
{
    public static readonly ResourceKind Pods = new("", "v1", "pods", "Pod");
    public static readonly ResourceKind Services = new("", "v1", "services", "Service");
    public static readonly ResourceKind Endpoints = new("", "v1", "endpoints", "Endpoints");
    public static readonly ResourceKind ConfigMaps = new("", "v1", "configmaps", "ConfigMap");
    public static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");
    public static readonly ResourceKind ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount");
    public static readonly ResourceKind Events = new("", "v1", "events", "Event");
    public static readonly ResourceKind ResourceQuotas = new("", "v1", "resourcequotas", "ResourceQuota");
    public static readonly ResourceKind LimitRanges = new("", "v1", "limitranges", "LimitRange");
    public static readonly ResourceKind PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim");
    public static readonly ResourceKind PersistentVolumes = new("", "v1", "persistentvolumes", "PersistentVolume", Namespaced: false);
    public static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceKind Nodes = new("", "v1", "nodes", "Node", Namespaced: false);
    public static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "Deployment");
    public static readonly ResourceKind StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet");
    public static readonly ResourceKind DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet");
    public static readonly ResourceKind ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet");
    public static readonly ResourceKind ControllerRevisions = new("apps", "v1", "controllerrevisions", "ControllerRevision");
    public static readonly ResourceKind Jobs = new("batch", "v1", "jobs", "Job");
    public static readonly ResourceKind CronJobs = new("batch", "v1", "cronjobs", "CronJob");
    public static readonly ResourceKind HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler");
    public static readonly ResourceKind Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress");
    public static readonly ResourceKind IngressClasses = new("networking.k8s.io", "v1", "ingressclasses", "IngressClass", Namespaced: false);
    public static readonly ResourceKind NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy");
    public static readonly ResourceKind StorageClasses = new("storage.k8s.io", "v1", "storageclasses", "StorageClass", Namespaced: false);
    public static readonly ResourceKind Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role");
    public static readonly ResourceKind RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding");
    public static readonly ResourceKind ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false);
    public static readonly ResourceKind ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false);
    public static readonly ResourceKind CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    /// <summary>CSI snapshots, served once the snapshot CRDs are installed (as the CSI snapshotter add-on does).</summary>
    public static readonly ResourceKind VolumeSnapshots = new("snapshot.storage.k8s.io", "v1", "volumesnapshots", "VolumeSnapshot");

    /// <summary>Scheduled scaling, DCE's CronHPA add-on (kubernetes-cronhpa-controller's CRD).</summary>
    public static readonly ResourceKind CronHorizontalPodAutoscalers = new("autoscaling.alibabacloud.com", "v1beta1", "cronhorizontalpodautoscalers", "CronHorizontalPodAutoscaler");

    /// <summary>The Vertical Pod Autoscaler add-on's CRD.</summary>
    public static readonly ResourceKind VerticalPodAutoscalers = new("autoscaling.k8s.io", "v1", "verticalpodautoscalers", "VerticalPodAutoscaler");
}
