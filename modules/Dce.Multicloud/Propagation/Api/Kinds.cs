using Dce.Kubernetes.Resources;
namespace Dce.Multicloud.Propagation.Api;

/// <summary>The kinds the controllers read and write besides the templates.</summary>
public static class Kinds
{
    public static readonly ResourceKind Cluster = new("cluster.karmada.io", "v1alpha1", "clusters", "Cluster", Namespaced: false);
    public static readonly ResourceKind PropagationPolicy = new("policy.karmada.io", "v1alpha1", "propagationpolicies", "PropagationPolicy");
    public static readonly ResourceKind ClusterPropagationPolicy = new("policy.karmada.io", "v1alpha1", "clusterpropagationpolicies", "ClusterPropagationPolicy", Namespaced: false);
    public static readonly ResourceKind OverridePolicy = new("policy.karmada.io", "v1alpha1", "overridepolicies", "OverridePolicy");
    public static readonly ResourceKind ClusterOverridePolicy = new("policy.karmada.io", "v1alpha1", "clusteroverridepolicies", "ClusterOverridePolicy", Namespaced: false);
    public static readonly ResourceKind ResourceBinding = new("work.karmada.io", "v1alpha2", "resourcebindings", "ResourceBinding");
    public static readonly ResourceKind Work = new("work.karmada.io", "v1alpha1", "works", "Work");
    public static readonly ResourceKind Namespace = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceKind Secret = new("", "v1", "secrets", "Secret");
    public static readonly ResourceKind Node = new("", "v1", "nodes", "Node", Namespaced: false);
    public static readonly ResourceKind Pod = new("", "v1", "pods", "Pod");
    public static readonly ResourceKind Event = new("", "v1", "events", "Event");
    public static readonly ResourceKind Lease = new("coordination.k8s.io", "v1", "leases", "Lease");
}
