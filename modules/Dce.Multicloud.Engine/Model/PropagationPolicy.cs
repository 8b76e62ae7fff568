namespace Dce.Multicloud.Engine.Model;

/// <summary>A namespaced PropagationPolicy: it propagates templates of its own namespace only.</summary>
public sealed record PropagationPolicy
{
    public string ApiVersion { get; init; } = "policy.karmada.io/v1alpha1";

    public string Kind { get; init; } = "PropagationPolicy";

    public ObjectMeta Metadata { get; init; } = new();

    public PropagationSpec Spec { get; init; } = new();
}
