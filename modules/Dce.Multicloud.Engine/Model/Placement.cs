namespace Dce.Multicloud.Engine.Model;

/// <summary>Where a resource goes and how its replicas are shared.</summary>
public sealed record Placement
{
    public ClusterAffinity? ClusterAffinity { get; init; }

    public IReadOnlyList<Toleration> ClusterTolerations { get; init; } = [];

    public IReadOnlyList<SpreadConstraint> SpreadConstraints { get; init; } = [];

    /// <summary>Absent means every selected cluster runs all replicas (Duplicated).</summary>
    public ReplicaSchedulingStrategy? ReplicaScheduling { get; init; }
}
