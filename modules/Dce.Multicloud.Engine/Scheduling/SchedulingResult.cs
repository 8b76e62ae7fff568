using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>Where the replicas go (ordered by cluster name), or why they cannot be placed.</summary>
public sealed record SchedulingResult
{
    public IReadOnlyList<TargetCluster> Targets { get; init; } = [];

    /// <summary>Null when the workload was scheduled.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Every cluster the filters left out, with the reason, whether or not scheduling succeeded.</summary>
    public IReadOnlyList<FilteredCluster> FilteredClusters { get; init; } = [];

    public bool Succeeded => FailureReason is null;

    /// <summary>The replicas given to one cluster, 0 when it is not a target.</summary>
    public int ReplicasOf(string cluster) => Targets.FirstOrDefault(target => target.Name == cluster)?.Replicas ?? 0;
}
