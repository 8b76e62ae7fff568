using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>
/// Karmada's scheduling as a pure function: filter the member clusters, select by spread constraints, assign replicas.
/// The same request always gives the same result; targets are ordered by cluster name.
/// </summary>
public static class Scheduler
{
    public static SchedulingResult Schedule(SchedulingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Replicas);
        var duplicate = request.Clusters.GroupBy(cluster => cluster.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Member cluster '{duplicate.Key}' is listed twice; give each cluster once.", nameof(request));
        }

        var previous = request.PreviousAssignment.GroupBy(target => target.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(target => target.Replicas), StringComparer.Ordinal);
        var filtered = new List<FilteredCluster>();
        var candidates = new List<Candidate>();
        foreach (var cluster in request.Clusters.OrderBy(cluster => cluster.Name, StringComparer.Ordinal))
        {
            var assigned = previous.GetValueOrDefault(cluster.Name);
            if (ClusterFilter.Reject(cluster, request.Placement, previous.ContainsKey(cluster.Name)) is { } reason)
            {
                filtered.Add(new FilteredCluster(cluster.Name, reason));
                continue;
            }

            candidates.Add(new Candidate(cluster, Math.Max(0, cluster.AvailableReplicas ?? request.Replicas), assigned));
        }

        if (candidates.Count == 0)
        {
            var reasons = string.Join("; ", filtered.Select(cluster => $"{cluster.Name}: {cluster.Reason}"));
            return Failed($"0/{request.Clusters.Count} clusters fit the placement" + (reasons.Length > 0 ? $" ({reasons})" : ""), filtered);
        }

        var strategy = ReplicaStrategies.Of(request.Placement);
        var (selected, spreadFailure) = SpreadSelection.Select(request.Placement.SpreadConstraints, strategy, candidates, request.Replicas);
        if (selected is null)
        {
            return Failed(spreadFailure!, filtered);
        }

        // A resource without replicas goes to every selected cluster, as Karmada propagates a ConfigMap.
        if (request.Replicas == 0)
        {
            return Scheduled(selected.ToDictionary(candidate => candidate.Name, _ => 0, StringComparer.Ordinal), filtered, keepZero: true);
        }

        var (assignment, failure) = strategy switch
        {
            ReplicaStrategy.Duplicated => (selected.ToDictionary(candidate => candidate.Name, _ => request.Replicas, StringComparer.Ordinal), null),
            ReplicaStrategy.StaticWeight => (StaticWeightAssignment.Assign(selected, request.Placement.ReplicaScheduling?.WeightPreference, request.Replicas), null),
            _ => DynamicAssignment.Assign(selected, request.Replicas, aggregated: strategy == ReplicaStrategy.Aggregated),
        };
        return assignment is null ? Failed(failure!, filtered) : Scheduled(assignment, filtered, keepZero: false);
    }

    private static SchedulingResult Scheduled(Dictionary<string, int> assignment, List<FilteredCluster> filtered, bool keepZero) => new()
    {
        Targets = [.. assignment.Where(pair => keepZero || pair.Value > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new TargetCluster(pair.Key, pair.Value))],
        FilteredClusters = filtered,
    };

    private static SchedulingResult Failed(string reason, List<FilteredCluster> filtered) => new() { FailureReason = reason, FilteredClusters = filtered };
}
