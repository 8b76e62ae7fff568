namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>
/// Divided replicas that follow the clusters' available replicas: Weighted with <c>dynamicWeight: AvailableReplicas</c>,
/// and Aggregated. Like Karmada's "Steady" mode, a change of replicas moves as little as it can: a scale up divides only
/// the new replicas and adds them to what each cluster already runs; a scale down divides the new total in proportion to
/// what each cluster ran; the same total keeps the previous assignment.
/// </summary>
internal static class DynamicAssignment
{
    public static (Dictionary<string, int>? Assignment, string? Failure) Assign(IReadOnlyList<Candidate> candidates, int replicas, bool aggregated)
    {
        var previous = candidates.Where(candidate => candidate.Previous > 0).ToList();
        var assigned = previous.Sum(candidate => candidate.Previous);
        if (assigned == replicas)
        {
            return (previous.ToDictionary(candidate => candidate.Name, candidate => candidate.Previous, StringComparer.Ordinal), null);
        }

        return assigned > replicas ? (ScaleDown(previous, replicas, aggregated), null) : ScaleUp(candidates, replicas - assigned, aggregated);
    }

    private static Dictionary<string, int> ScaleDown(List<Candidate> previous, int replicas, bool aggregated)
    {
        var ordered = previous.OrderByDescending(candidate => candidate.Previous).ThenBy(candidate => candidate.Name, StringComparer.Ordinal).ToList();
        var kept = aggregated ? FewestCovering(ordered, replicas, candidate => candidate.Previous) : ordered;
        return WeightedDivision.Divide(replicas, [.. kept.Select(candidate => new WeightedShare(candidate.Name, candidate.Previous, candidate.Previous))]);
    }

    private static (Dictionary<string, int>? Assignment, string? Failure) ScaleUp(IReadOnlyList<Candidate> candidates, int added, bool aggregated)
    {
        var room = candidates.Sum(candidate => (long)candidate.Available);
        if (room < added)
        {
            return (null, $"the selected clusters have room for {room} more replicas, {added} are needed");
        }

        var ordered = candidates.OrderByDescending(candidate => candidate.Available).ThenBy(candidate => candidate.Name, StringComparer.Ordinal).ToList();
        if (aggregated)
        {
            // Clusters that already run the workload fill first, so it stays on as few clusters as possible.
            ordered = FewestCovering([.. ordered.Where(candidate => candidate.Previous > 0), .. ordered.Where(candidate => candidate.Previous == 0)], added, candidate => candidate.Available);
        }

        var extra = WeightedDivision.Divide(added, [.. ordered.Select(candidate => new WeightedShare(candidate.Name, candidate.Available, candidate.Previous))]);
        var merged = candidates.Where(candidate => candidate.Previous > 0).ToDictionary(candidate => candidate.Name, candidate => candidate.Previous, StringComparer.Ordinal);
        foreach (var (name, replicas) in extra)
        {
            merged[name] = merged.GetValueOrDefault(name) + replicas;
        }

        return (merged, null);
    }

    /// <summary>The shortest prefix whose room covers the replicas.</summary>
    private static List<Candidate> FewestCovering(List<Candidate> ordered, int replicas, Func<Candidate, int> room)
    {
        long sum = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            sum += room(ordered[i]);
            if (sum >= replicas)
            {
                return ordered[..(i + 1)];
            }
        }

        return ordered;
    }
}
