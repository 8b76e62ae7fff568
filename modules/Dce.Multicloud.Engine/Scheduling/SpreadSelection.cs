using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>
/// Chooses clusters by a placement's spread constraints. With a group constraint (region, zone, provider or a label)
/// the groups with the most room come first and the fewest groups that satisfy <c>minGroups</c> and the cluster
/// constraint's <c>minGroups</c> are taken (as Karmada's region selection does); then the best cluster of each group,
/// then more clusters of those groups up to the cluster constraint's <c>maxGroups</c>. With only a cluster constraint,
/// the best clusters up to <c>maxGroups</c>. Clusters that run the workload already come first, then those with more room.
/// </summary>
internal static class SpreadSelection
{
    public static (IReadOnlyList<Candidate>? Selected, string? Failure) Select(
        IReadOnlyList<SpreadConstraint> constraints, ReplicaStrategy strategy, IReadOnlyList<Candidate> candidates, int replicas)
    {
        // Karmada ignores spread constraints for static weights: the weight list already says where replicas go.
        if (constraints.Count == 0 || strategy == ReplicaStrategy.StaticWeight)
        {
            return (candidates, null);
        }

        var normalized = constraints.Select(Normalize).ToList();
        var clusterConstraint = normalized.FirstOrDefault(constraint => constraint.SpreadByField == SpreadByField.Cluster);
        var groupConstraints = normalized.Where(constraint => constraint.SpreadByField != SpreadByField.Cluster).ToList();
        if (groupConstraints.Count > 1)
        {
            return (null, "only one spread constraint besides spreadByField 'cluster' is supported");
        }

        var neededRoom = strategy == ReplicaStrategy.Duplicated ? 0 : replicas;
        var ordered = candidates.OrderByDescending(candidate => candidate.Previous > 0)
            .ThenByDescending(candidate => candidate.Capacity)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .ToList();
        return groupConstraints.Count == 1
            ? ByGroups(groupConstraints[0], clusterConstraint, ordered, neededRoom)
            : ByCluster(clusterConstraint!, ordered, neededRoom);
    }

    private static (IReadOnlyList<Candidate>?, string?) ByCluster(SpreadConstraint constraint, List<Candidate> ordered, long neededRoom)
    {
        if (ordered.Count < constraint.MinGroups)
        {
            return (null, $"{ordered.Count} clusters fit, fewer than the cluster spread constraint's minGroups {constraint.MinGroups}");
        }

        var count = constraint.MaxGroups > 0 ? Math.Min(constraint.MaxGroups, ordered.Count) : ordered.Count;
        var selected = ordered.Take(count).ToList();
        if (Room(selected) < neededRoom)
        {
            // As Karmada does, trade clusters for ones with more room before giving up.
            selected = [.. ordered.OrderByDescending(candidate => candidate.Capacity).ThenBy(candidate => candidate.Name, StringComparer.Ordinal).Take(count)];
        }

        return Room(selected) < neededRoom
            ? (null, $"{count} clusters have room for {Room(selected)} replicas, {neededRoom} are needed")
            : (selected, null);
    }

    private static (IReadOnlyList<Candidate>?, string?) ByGroups(SpreadConstraint groupConstraint, SpreadConstraint? clusterConstraint, List<Candidate> ordered, long neededRoom)
    {
        var describe = groupConstraint.SpreadByLabel is { Length: > 0 } label ? $"label '{label}'" : $"{groupConstraint.SpreadByField}".ToLowerInvariant();
        var groups = ordered.SelectMany(candidate => GroupKeys(candidate.Cluster, groupConstraint).Select(key => (Key: key, Candidate: candidate)))
            .GroupBy(pair => pair.Key, pair => pair.Candidate, StringComparer.Ordinal)
            .Select(group => group.ToList())
            .OrderByDescending(Room)
            .ThenByDescending(group => group.Count(candidate => candidate.Previous > 0))
            .ThenBy(group => GroupKeys(group[0].Cluster, groupConstraint).First(), StringComparer.Ordinal)
            .ToList();
        if (groups.Count < groupConstraint.MinGroups)
        {
            return (null, $"{groups.Count} {describe} groups have a fitting cluster, fewer than the spread constraint's minGroups {groupConstraint.MinGroups}");
        }

        var clusterMin = clusterConstraint?.MinGroups ?? 1;
        var clusterMax = clusterConstraint?.MaxGroups ?? 0;
        var groupMax = groupConstraint.MaxGroups > 0 ? Math.Min(groupConstraint.MaxGroups, groups.Count) : groups.Count;
        for (var count = groupConstraint.MinGroups; count <= groupMax; count++)
        {
            var selected = ClustersOf(groups.Take(count).ToList(), clusterConstraint is null ? 0 : clusterMax);
            if (selected.Count >= clusterMin && Room(selected) >= neededRoom)
            {
                return (selected, null);
            }
        }

        return (null, $"no {groupConstraint.MinGroups} to {groupMax} {describe} groups hold {clusterMin} clusters with room for {neededRoom} replicas");
    }

    /// <summary>The best cluster of each group, then the others of those groups in order, up to <paramref name="max"/> (0: all).</summary>
    private static List<Candidate> ClustersOf(List<List<Candidate>> groups, int max)
    {
        var firsts = groups.Select(group => group[0]).Distinct().ToList();
        var rest = groups.SelectMany(group => group.Skip(1)).Distinct().Except(firsts)
            .OrderByDescending(candidate => candidate.Previous > 0)
            .ThenByDescending(candidate => candidate.Capacity)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal);
        var extra = max > 0 ? Math.Max(0, max - firsts.Count) : int.MaxValue;
        return [.. firsts, .. rest.Take(extra)];
    }

    private static IEnumerable<string> GroupKeys(MemberCluster cluster, SpreadConstraint constraint)
    {
        if (constraint.SpreadByLabel is { Length: > 0 } label)
        {
            return cluster.Labels.TryGetValue(label, out var value) ? [value] : [];
        }

        return constraint.SpreadByField switch
        {
            SpreadByField.Region => string.IsNullOrEmpty(cluster.Region) ? [] : [cluster.Region],
            SpreadByField.Provider => string.IsNullOrEmpty(cluster.Provider) ? [] : [cluster.Provider],
            SpreadByField.Zone => cluster.AllZones,
            _ => [cluster.Name],
        };
    }

    private static SpreadConstraint Normalize(SpreadConstraint constraint) => constraint with
    {
        SpreadByField = constraint.SpreadByField ?? (string.IsNullOrEmpty(constraint.SpreadByLabel) ? SpreadByField.Cluster : null),
        MinGroups = Math.Max(1, constraint.MinGroups),
    };

    private static long Room(IEnumerable<Candidate> candidates) => candidates.Sum(candidate => candidate.Capacity);
}
