using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>Reads a placement's replica scheduling with Karmada's defaults.</summary>
internal static class ReplicaStrategies
{
    public static ReplicaStrategy Of(Placement placement)
    {
        var scheduling = placement.ReplicaScheduling;
        if (scheduling is null || scheduling.ReplicaSchedulingType == ReplicaSchedulingType.Duplicated)
        {
            return ReplicaStrategy.Duplicated;
        }

        if (scheduling.ReplicaDivisionPreference == ReplicaDivisionPreference.Aggregated)
        {
            return ReplicaStrategy.Aggregated;
        }

        return scheduling.WeightPreference?.DynamicWeight is null ? ReplicaStrategy.StaticWeight : ReplicaStrategy.DynamicWeight;
    }
}
