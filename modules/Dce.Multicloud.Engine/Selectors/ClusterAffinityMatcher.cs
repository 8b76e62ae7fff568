using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Selectors;

/// <summary>Whether a member cluster is one a <see cref="ClusterAffinity"/> targets, and if not, why.</summary>
public static class ClusterAffinityMatcher
{
    public static bool Matches(MemberCluster cluster, ClusterAffinity affinity) => Mismatch(cluster, affinity) is null;

    /// <summary>Null when the cluster matches; otherwise the first part of the affinity it fails.</summary>
    public static string? Mismatch(MemberCluster cluster, ClusterAffinity affinity)
    {
        if (affinity.Exclude.Contains(cluster.Name))
        {
            return "excluded by the placement's cluster affinity";
        }

        if (affinity.LabelSelector is { } labels && !LabelSelectorMatcher.Matches(labels, cluster.Labels))
        {
            return "labels do not match the cluster affinity's labelSelector";
        }

        if (affinity.FieldSelector is { } fields && fields.MatchExpressions.FirstOrDefault(requirement => !FieldHolds(cluster, requirement)) is { } failed)
        {
            return $"field '{failed.Key}' does not match the cluster affinity's fieldSelector";
        }

        if (affinity.ClusterNames.Count > 0 && !affinity.ClusterNames.Contains(cluster.Name))
        {
            return "not among the cluster affinity's clusterNames";
        }

        return null;
    }

    private static bool FieldHolds(MemberCluster cluster, FieldSelectorRequirement requirement) => requirement.Key switch
    {
        FieldSelectorRequirement.ProviderField => LabelSelectorMatcher.Holds(requirement.Operator, Present(cluster.Provider), requirement.Values),
        FieldSelectorRequirement.RegionField => LabelSelectorMatcher.Holds(requirement.Operator, Present(cluster.Region), requirement.Values),
        FieldSelectorRequirement.ZoneField => ZonesHold(cluster.AllZones.ToList(), requirement),
        _ => false,
    };

    // A cluster may span several zones: In holds when any zone is listed, NotIn when none is (Karmada's matchZones).
    private static bool ZonesHold(List<string> zones, FieldSelectorRequirement requirement) => requirement.Operator switch
    {
        SelectorOperator.In => zones.Any(requirement.Values.Contains),
        SelectorOperator.NotIn => !zones.Any(requirement.Values.Contains),
        SelectorOperator.Exists => zones.Count > 0,
        SelectorOperator.DoesNotExist => zones.Count == 0,
        _ => false,
    };

    private static string? Present(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
