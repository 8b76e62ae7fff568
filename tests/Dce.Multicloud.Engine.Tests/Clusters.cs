using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Scheduling;

namespace Dce.Multicloud.Engine.Tests;

/// <summary>Member clusters and placements written briefly for the tests.</summary>
internal static class Clusters
{
    public static MemberCluster Named(string name, int? available = null, string? region = null, string? provider = null, string? zone = null) =>
        new() { Name = name, AvailableReplicas = available, Region = region, Provider = provider, Zone = zone };

    public static MemberCluster WithLabels(this MemberCluster cluster, params (string Key, string Value)[] labels) =>
        cluster with { Labels = labels.ToDictionary(label => label.Key, label => label.Value) };

    public static Placement Divided(ReplicaDivisionPreference preference, ClusterPreferences? weights = null) => new()
    {
        ReplicaScheduling = new ReplicaSchedulingStrategy
        {
            ReplicaSchedulingType = ReplicaSchedulingType.Divided,
            ReplicaDivisionPreference = preference,
            WeightPreference = weights,
        },
    };

    public static Placement DynamicWeight() =>
        Divided(ReplicaDivisionPreference.Weighted, new ClusterPreferences { DynamicWeight = DynamicWeightFactor.AvailableReplicas });

    public static StaticClusterWeight Weight(long weight, params string[] clusterNames) =>
        new() { TargetCluster = new ClusterAffinity { ClusterNames = clusterNames }, Weight = weight };

    public static Placement StaticWeights(params StaticClusterWeight[] weights) =>
        Divided(ReplicaDivisionPreference.Weighted, new ClusterPreferences { StaticWeightList = weights });

    public static SchedulingResult Schedule(Placement placement, int replicas, IReadOnlyList<MemberCluster> clusters, params TargetCluster[] previous) =>
        Scheduler.Schedule(new SchedulingRequest { Placement = placement, Replicas = replicas, Clusters = clusters, PreviousAssignment = previous });

    /// <summary>The targets as "name=replicas" in order, so an assertion shows the whole result when it fails.</summary>
    public static string Describe(this SchedulingResult result) =>
        result.Succeeded ? string.Join(",", result.Targets.Select(target => $"{target.Name}={target.Replicas}")) : $"failed: {result.FailureReason}";
}
