namespace Dce.Multicloud.Engine.Model;

/// <summary>A namespaced OverridePolicy: it overrides templates of its own namespace only.</summary>
public sealed record OverridePolicy
{
    public string ApiVersion { get; init; } = "policy.karmada.io/v1alpha1";

    public string Kind { get; init; } = "OverridePolicy";

    public ObjectMeta Metadata { get; init; } = new();

    public OverrideSpec Spec { get; init; } = new();
}
