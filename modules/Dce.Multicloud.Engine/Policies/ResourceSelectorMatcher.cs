using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Selectors;

namespace Dce.Multicloud.Engine.Policies;

/// <summary>How a template matches resource selectors, as Karmada ranks it.</summary>
public static class ResourceSelectorMatcher
{
    /// <summary>The most specific match among the selectors.</summary>
    public static ImplicitPriority Priority(ResourceTemplate template, IEnumerable<ResourceSelector> selectors) =>
        selectors.Select(selector => Priority(template, selector)).DefaultIfEmpty(ImplicitPriority.Mismatch).Max();

    public static ImplicitPriority Priority(ResourceTemplate template, ResourceSelector selector)
    {
        if (selector.ApiVersion != template.ApiVersion || selector.Kind != template.Kind
            || (!string.IsNullOrEmpty(selector.Namespace) && selector.Namespace != template.Namespace))
        {
            return ImplicitPriority.Mismatch;
        }

        // A name wins over labels, and a selector with a name ignores its labelSelector, as in Karmada.
        if (!string.IsNullOrEmpty(selector.Name))
        {
            return selector.Name == template.Name ? ImplicitPriority.MatchName : ImplicitPriority.Mismatch;
        }

        if (selector.LabelSelector is null)
        {
            return ImplicitPriority.MatchAll;
        }

        return LabelSelectorMatcher.Matches(selector.LabelSelector, template.Labels) ? ImplicitPriority.MatchLabelSelector : ImplicitPriority.Mismatch;
    }
}
