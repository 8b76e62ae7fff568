namespace Dce.Multicloud.Engine.Model;

/// <summary>A placement's <c>replicaScheduling</c>.</summary>
public sealed record ReplicaSchedulingStrategy
{
    /// <summary>Absent reads as <see cref="ReplicaSchedulingType.Divided"/>, the CRD's default.</summary>
    public ReplicaSchedulingType? ReplicaSchedulingType { get; init; }

    /// <summary>Absent with Divided reads as <see cref="ReplicaDivisionPreference.Weighted"/>, as Karmada defaults it.</summary>
    public ReplicaDivisionPreference? ReplicaDivisionPreference { get; init; }

    public ClusterPreferences? WeightPreference { get; init; }
}
