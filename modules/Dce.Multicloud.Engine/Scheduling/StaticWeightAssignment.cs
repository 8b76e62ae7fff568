using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Selectors;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>Divided replicas by <c>staticWeightList</c>.</summary>
internal static class StaticWeightAssignment
{
    /// <summary>
    /// A cluster's weight is the highest weight among the entries whose <c>targetCluster</c> matches it (Karmada takes
    /// the maximum, not the first); a cluster no entry matches gets nothing. When no cluster has a positive weight
    /// (no list, or no entry matches) every cluster weighs 1, as in Karmada.
    /// </summary>
    public static Dictionary<string, int> Assign(IReadOnlyList<Candidate> candidates, ClusterPreferences? preferences, int replicas)
    {
        var entries = preferences?.StaticWeightList ?? [];
        var shares = candidates
            .Select(candidate => new WeightedShare(candidate.Name, WeightOf(candidate.Cluster, entries), candidate.Previous))
            .Where(share => share.Weight > 0)
            .ToList();
        if (shares.Count == 0)
        {
            shares = [.. candidates.Select(candidate => new WeightedShare(candidate.Name, 1, candidate.Previous))];
        }

        return WeightedDivision.Divide(replicas, shares);
    }

    private static long WeightOf(MemberCluster cluster, IReadOnlyList<StaticClusterWeight> entries) =>
        entries.Where(entry => ClusterAffinityMatcher.Matches(cluster, entry.TargetCluster))
            .Select(entry => entry.Weight)
            .DefaultIfEmpty(0)
            .Max();
}
