using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Policies;

/// <summary>Chooses the policies that apply to a resource template, as Karmada's resource detector and override manager do.</summary>
public static class PolicyMatcher
{
    /// <summary>
    /// The one propagation policy for the template: a PropagationPolicy of the template's namespace wins over every
    /// ClusterPropagationPolicy; within a scope the highest <c>priority</c> wins, then the most specific selector
    /// (name, then labelSelector, then apiVersion and kind only), then the alphabetically first name. Null when none matches.
    /// </summary>
    public static MatchedPropagationPolicy? ChoosePropagationPolicy(
        ResourceTemplate template,
        IEnumerable<PropagationPolicy> policies,
        IEnumerable<ClusterPropagationPolicy> clusterPolicies)
    {
        var namespaced = template.Namespace is null
            ? []
            : policies.Where(policy => policy.Metadata.Namespace == template.Namespace)
                .Select(policy => new MatchedPropagationPolicy(policy.Metadata.Name, template.Namespace, policy.Spec, ResourceSelectorMatcher.Priority(template, policy.Spec.ResourceSelectors)));
        var clusterWide = clusterPolicies
            .Select(policy => new MatchedPropagationPolicy(policy.Metadata.Name, null, policy.Spec, ResourceSelectorMatcher.Priority(template, policy.Spec.ResourceSelectors)));

        return Best(namespaced) ?? Best(clusterWide);
    }

    /// <summary>
    /// Every override policy for the template in the order they apply, so that later ones win: ClusterOverridePolicies
    /// first, then the OverridePolicies of the template's namespace, each ordered by selector specificity (least first)
    /// and then by name. A policy without resource selectors applies to every template.
    /// </summary>
    public static IReadOnlyList<MatchedOverridePolicy> OrderOverridePolicies(
        ResourceTemplate template,
        IEnumerable<OverridePolicy> policies,
        IEnumerable<ClusterOverridePolicy> clusterPolicies)
    {
        var clusterWide = Ordered(clusterPolicies.Select(policy => Matched(template, policy.Metadata.Name, null, policy.Spec)));
        var namespaced = template.Namespace is null
            ? []
            : Ordered(policies.Where(policy => policy.Metadata.Namespace == template.Namespace)
                .Select(policy => Matched(template, policy.Metadata.Name, template.Namespace, policy.Spec)));
        return [.. clusterWide, .. namespaced];
    }

    private static MatchedPropagationPolicy? Best(IEnumerable<MatchedPropagationPolicy> candidates) =>
        candidates.Where(candidate => candidate.ImplicitPriority != ImplicitPriority.Mismatch)
            .OrderByDescending(candidate => candidate.Spec.Priority ?? 0)
            .ThenByDescending(candidate => candidate.ImplicitPriority)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    private static MatchedOverridePolicy Matched(ResourceTemplate template, string name, string? ns, OverrideSpec spec) =>
        new(name, ns, spec, spec.ResourceSelectors.Count == 0 ? ImplicitPriority.MatchAll : ResourceSelectorMatcher.Priority(template, spec.ResourceSelectors));

    private static IEnumerable<MatchedOverridePolicy> Ordered(IEnumerable<MatchedOverridePolicy> candidates) =>
        candidates.Where(candidate => candidate.ImplicitPriority != ImplicitPriority.Mismatch)
            .OrderBy(candidate => candidate.ImplicitPriority)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal);
}
