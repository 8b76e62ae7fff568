using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Policies;

/// <summary>An override policy that applies to a template; <see cref="Namespace"/> is null for a ClusterOverridePolicy.</summary>
public sealed record MatchedOverridePolicy(string Name, string? Namespace, OverrideSpec Spec, ImplicitPriority ImplicitPriority)
{
    public bool IsClusterPolicy => Namespace is null;
}
