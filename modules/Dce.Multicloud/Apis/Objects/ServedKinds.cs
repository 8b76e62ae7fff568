namespace Dce.Multicloud.Apis.Objects;

/// <summary>Every kind the instance API serves, one line each, as DCE's kairship paths name them.</summary>
internal static class ServedKinds
{
    public static ServedKind PropagationPolicies { get; } =
        new("propagationpolicies", new("policy.karmada.io", "v1alpha1", "propagationpolicies", "PropagationPolicy"), "propagationPolicy");

    public static ServedKind ClusterPropagationPolicies { get; } =
        new("clusterpropagationpolicies", new("policy.karmada.io", "v1alpha1", "clusterpropagationpolicies", "ClusterPropagationPolicy", Namespaced: false), "clusterPropagationPolicy");

    public static ServedKind OverridePolicies { get; } =
        new("overridepolicies", new("policy.karmada.io", "v1alpha1", "overridepolicies", "OverridePolicy"), "overridePolicy");

    public static ServedKind ClusterOverridePolicies { get; } =
        new("clusteroverridepolicies", new("policy.karmada.io", "v1alpha1", "clusteroverridepolicies", "ClusterOverridePolicy", Namespaced: false), "clusterOverridePolicy");

    /// <summary>Definitions of the control plane's own custom resources, whose objects templates may then be.</summary>
    public static ServedKind CustomResourceDefinitions { get; } =
        new("customresourcedefinitions", new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false));

    public static IReadOnlyList<ServedKind> All { get; } =
    [
        PropagationPolicies,
        ClusterPropagationPolicies,
        OverridePolicies,
        ClusterOverridePolicies,
        new("deployments", new("apps", "v1", "deployments", "Deployment")),
        new("jobs", new("batch", "v1", "jobs", "Job")),
        new("cronjobs", new("batch", "v1", "cronjobs", "CronJob")),
        new("configmaps", new("", "v1", "configmaps", "ConfigMap")),
        new("secrets", new("", "v1", "secrets", "Secret"), HidesValues: true),
        new("services", new("", "v1", "services", "Service")),
        new("ingresses", new("networking.k8s.io", "v1", "ingresses", "Ingress")),
        CustomResourceDefinitions,
    ];

    public static ServedKind Of(string segment) => All.Single(kind => kind.Segment == segment);
}
