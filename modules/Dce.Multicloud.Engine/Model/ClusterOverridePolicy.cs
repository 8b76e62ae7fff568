namespace Dce.Multicloud.Engine.Model;

/// <summary>A cluster-wide ClusterOverridePolicy.</summary>
public sealed record ClusterOverridePolicy
{
    public string ApiVersion { get; init; } = "policy.karmada.io/v1alpha1";

    public string Kind { get; init; } = "ClusterOverridePolicy";

    public ObjectMeta Metadata { get; init; } = new();

    public OverrideSpec Spec { get; init; } = new();
}
