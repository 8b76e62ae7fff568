using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Policies;
using Dce.Multicloud.Engine.Selectors;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>
/// Produces the manifest one member cluster receives: a copy of the template with the overriders of every matching
/// rule applied, policy by policy in the order <see cref="PolicyMatcher.OrderOverridePolicies"/> gives, so later ones win.
/// </summary>
public static class OverrideApplier
{
    /// <exception cref="OverrideException">An override cannot be applied; the template is left unchanged.</exception>
    public static JsonObject Apply(JsonObject manifest, MemberCluster cluster, IEnumerable<MatchedOverridePolicy> orderedPolicies)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var copy = manifest.DeepClone().AsObject();
        foreach (var policy in orderedPolicies)
        {
            foreach (var rule in RulesOf(policy.Spec).Where(rule => rule.TargetCluster is null || ClusterAffinityMatcher.Matches(cluster, rule.TargetCluster)))
            {
                try
                {
                    ApplyOverriders(copy, rule.Overriders);
                }
                catch (OverrideException error)
                {
                    var scope = policy.Namespace is null ? "ClusterOverridePolicy" : $"OverridePolicy {policy.Namespace}/";
                    throw new OverrideException($"{scope}{(policy.Namespace is null ? " " : "")}{policy.Name} for cluster {cluster.Name}: {error.Message}", error);
                }
            }
        }

        return copy;
    }

    /// <summary>Applies one rule's overriders in Karmada's order: image, command, args, labels, annotations, plaintext.</summary>
    public static void ApplyOverriders(JsonObject manifest, Overriders overriders)
    {
        foreach (var overrider in overriders.ImageOverrider)
        {
            foreach (var path in ImagePaths(manifest, overrider))
            {
                var image = JsonPatch.Get(manifest, path) is JsonValue value && value.TryGetValue<string>(out var text)
                    ? text
                    : throw new OverrideException($"The image path '{path}' does not hold a string.");
                JsonPatch.Apply(manifest, path, OverriderOperator.Replace, JsonValue.Create(ImageOverriding.Apply(image, overrider)));
            }
        }

        CommandArgsOverriding.Apply(manifest, "command", overriders.CommandOverrider);
        CommandArgsOverriding.Apply(manifest, "args", overriders.ArgsOverrider);
        LabelAnnotationOverriding.Apply(manifest, "labels", overriders.LabelsOverrider);
        LabelAnnotationOverriding.Apply(manifest, "annotations", overriders.AnnotationsOverrider);
        foreach (var plaintext in overriders.Plaintext)
        {
            JsonPatch.Apply(manifest, plaintext.Path, plaintext.Operator, plaintext.Value);
        }
    }

    private static IEnumerable<RuleWithCluster> RulesOf(OverrideSpec spec) =>
        spec.OverrideRules.Count > 0 || spec.Overriders is null
            ? spec.OverrideRules
            : [new RuleWithCluster { TargetCluster = spec.TargetCluster, Overriders = spec.Overriders }];

    private static IEnumerable<string> ImagePaths(JsonObject manifest, ImageOverrider overrider)
    {
        if (overrider.Predicate is { } predicate)
        {
            return [predicate.Path];
        }

        var containersPath = PodTemplateContainers.PathOf(manifest["kind"]?.GetValue<string>() ?? "");
        if (containersPath is null || TryGet(manifest, containersPath) is not JsonArray containers)
        {
            return [];
        }

        return Enumerable.Range(0, containers.Count).Select(index => $"{containersPath}/{index}/image");
    }

    internal static JsonNode? TryGet(JsonObject manifest, string path)
    {
        try
        {
            return JsonPatch.Get(manifest, path);
        }
        catch (OverrideException)
        {
            return null;
        }
    }
}
