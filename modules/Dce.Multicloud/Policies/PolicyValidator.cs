using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Overrides;
using Dce.Multicloud.Engine.Policies;
using Dce.Multicloud.Instances;

namespace Dce.Multicloud.Policies;

/// <summary>
/// Refuses a policy as Karmada's admission webhook would, with a cause per field: no resource selectors, a Divided and
/// Weighted schedule without weights, clusters that are not members, two policies selecting the same resources with the
/// same priority, and overrides that cannot be applied to the templates they select.
/// </summary>
internal static class PolicyValidator
{
    public static async Task<Dictionary<string, string[]>> ValidateAsync(ControlPlane plane, ServedKind kind, JsonObject item, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (item["spec"] is not JsonObject spec)
        {
            errors["data.spec"] = ["a policy needs a spec."];
            return errors;
        }

        var members = await MemberClusters.ListAsync(plane, cancellationToken);
        var names = members.Select(m => m.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        try
        {
            if (kind.Kind.Kind.EndsWith("PropagationPolicy", StringComparison.Ordinal))
            {
                var propagation = spec.Deserialize<PropagationSpec>(KarmadaJson.Options) ?? new PropagationSpec();
                CheckPropagation(propagation, names, plane.Name, errors);
                await CheckConflictsAsync(plane, kind, item, propagation, errors, cancellationToken);
            }
            else
            {
                var overrides = spec.Deserialize<OverrideSpec>(KarmadaJson.Options) ?? new OverrideSpec();
                CheckTargets(overrides.OverrideRules.Select(r => r.TargetCluster), "data.spec.overrideRules", names, plane.Name, errors);
                if (errors.Count == 0)
                {
                    await CheckOverridesApplyAsync(plane, kind, item, overrides, members, errors, cancellationToken);
                }
            }
        }
        catch (JsonException invalid)
        {
            errors["data.spec"] = [$"the spec does not read as a {kind.Kind.Kind}: {invalid.Message}"];
        }

        return errors;
    }

    private static void CheckPropagation(PropagationSpec spec, HashSet<string> members, string instance, Dictionary<string, string[]> errors)
    {
        if (spec.ResourceSelectors.Count == 0)
        {
            errors["data.spec.resourceSelectors"] = ["select at least one resource (apiVersion and kind)."];
        }

        for (var i = 0; i < spec.ResourceSelectors.Count; i++)
        {
            if (spec.ResourceSelectors[i].ApiVersion.Length == 0 || spec.ResourceSelectors[i].Kind.Length == 0)
            {
                errors[$"data.spec.resourceSelectors[{i}]"] = ["a resource selector needs apiVersion and kind."];
            }
        }

        if (spec.Placement.ReplicaScheduling is { } scheduling
            && scheduling.ReplicaSchedulingType is null or ReplicaSchedulingType.Divided
            && scheduling.ReplicaDivisionPreference is null or ReplicaDivisionPreference.Weighted
            && scheduling.WeightPreference is not { DynamicWeight: not null } and not { StaticWeightList.Count: > 0 })
        {
            errors["data.spec.placement.replicaScheduling.weightPreference"] =
                ["a Divided schedule by weight needs weights: give staticWeightList, or dynamicWeight: AvailableReplicas."];
        }

        CheckTargets([spec.Placement.ClusterAffinity], "data.spec.placement.clusterAffinity", members, instance, errors);
        CheckTargets(spec.Placement.ReplicaScheduling?.WeightPreference?.StaticWeightList.Select(w => (ClusterAffinity?)w.TargetCluster) ?? [],
            "data.spec.placement.replicaScheduling.weightPreference.staticWeightList", members, instance, errors);
    }

    private static void CheckTargets(IEnumerable<ClusterAffinity?> affinities, string field, HashSet<string> members, string instance, Dictionary<string, string[]> errors)
    {
        var unknown = affinities.Where(a => a is not null).SelectMany(a => a!.ClusterNames.Concat(a.Exclude))
            .Where(name => !members.Contains(name)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors[field] = [$"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not a member cluster of instance {instance}; join {(unknown.Count == 1 ? "it" : "them")} first."];
        }
    }

    private static async Task CheckConflictsAsync(ControlPlane plane, ServedKind kind, JsonObject item, PropagationSpec spec, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var name = ObjectFields.Name(item);
        var others = await ResourceClient.ListAsync(plane.Client, kind.Kind, ObjectFields.Namespace(item), cancellationToken: cancellationToken);
        foreach (var other in others.Where(o => ObjectFields.Name(o) != name))
        {
            var otherSpec = (other["spec"] as JsonObject)?.Deserialize<PropagationSpec>(KarmadaJson.Options);
            if (otherSpec is null || (otherSpec.Priority ?? 0) != (spec.Priority ?? 0))
            {
                continue;
            }

            for (var i = 0; i < spec.ResourceSelectors.Count; i++)
            {
                if (otherSpec.ResourceSelectors.Any(s => Same(s, spec.ResourceSelectors[i])))
                {
                    errors[$"data.spec.resourceSelectors[{i}]"] =
                        [$"{kind.Kind.Kind} {ObjectFields.Name(other)} selects the same resources with the same priority ({spec.Priority ?? 0}); give one of them another spec.priority."];
                }
            }
        }
    }

    private static bool Same(ResourceSelector a, ResourceSelector b) =>
        a.ApiVersion == b.ApiVersion && a.Kind == b.Kind && a.Namespace == b.Namespace && a.Name == b.Name
        && JsonSerializer.Serialize(a.LabelSelector, KarmadaJson.Options) == JsonSerializer.Serialize(b.LabelSelector, KarmadaJson.Options);

    private static async Task CheckOverridesApplyAsync(ControlPlane plane, ServedKind kind, JsonObject item, OverrideSpec spec, IReadOnlyList<Cluster> members,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var ns = ObjectFields.Namespace(item);
        var policy = new MatchedOverridePolicy(ObjectFields.Name(item), kind.Namespaced ? ns : null, spec, ImplicitPriority.MatchAll);
        var templateKinds = ServedKinds.All.Where(k => !k.IsPolicy && (spec.ResourceSelectors.Count == 0
            || spec.ResourceSelectors.Any(s => s.ApiVersion == k.Kind.ApiVersion && s.Kind == k.Kind.Kind)));
        foreach (var templateKind in templateKinds)
        {
            var templates = await ResourceClient.ListAsync(plane.Client, templateKind.Kind, kind.Namespaced ? ns : null, cancellationToken: cancellationToken);
            foreach (var template in templates.Where(t => spec.ResourceSelectors.Count == 0
                || ResourceSelectorMatcher.Priority(ResourceTemplate.FromManifest(t), spec.ResourceSelectors) != ImplicitPriority.Mismatch))
            {
                foreach (var member in members)
                {
                    try
                    {
                        OverrideApplier.Apply(template, MemberCluster.FromCluster(member, null), [policy]);
                    }
                    catch (OverrideException cannot)
                    {
                        errors["data.spec.overrideRules"] = [$"it cannot be applied to {templateKind.Kind.Kind} {ObjectFields.Name(template)}: {cannot.Message}"];
                        return;
                    }
                }
            }
        }
    }
}
