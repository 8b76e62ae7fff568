namespace Dce.Multicloud.Engine.Model;

/// <summary>A cluster-wide ClusterPropagationPolicy: it propagates templates of any namespace and cluster-scoped ones.</summary>
public sealed record ClusterPropagationPolicy
{
    public string ApiVersion { get; init; } = "policy.karmada.io/v1alpha1";

    public string Kind { get; init; } = "ClusterPropagationPolicy";

    public ObjectMeta Metadata { get; init; } = new();

    public PropagationSpec Spec { get; init; } = new();
}
