using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>One scheduling decision to make: where the replicas of one workload go.</summary>
public sealed record SchedulingRequest
{
    public Placement Placement { get; init; } = new();

    /// <summary>The workload's desired replicas; 0 for a resource without replicas (a ConfigMap, a Service).</summary>
    public int Replicas { get; init; }

    public IReadOnlyList<MemberCluster> Clusters { get; init; } = [];

    /// <summary>The assignment made last time, empty for a first schedule.</summary>
    public IReadOnlyList<TargetCluster> PreviousAssignment { get; init; } = [];
}
