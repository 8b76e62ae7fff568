using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Policies;

/// <summary>The propagation policy chosen for a template; <see cref="Namespace"/> is null for a ClusterPropagationPolicy.</summary>
public sealed record MatchedPropagationPolicy(string Name, string? Namespace, PropagationSpec Spec, ImplicitPriority ImplicitPriority)
{
    public bool IsClusterPolicy => Namespace is null;
}
