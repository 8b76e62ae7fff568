using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Selectors;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>Karmada's filter plugins: ready, cluster affinity, taints.</summary>
internal static class ClusterFilter
{
    /// <summary>Null when the cluster fits the placement; otherwise why not.</summary>
    public static string? Reject(MemberCluster cluster, Placement placement, bool previouslyAssigned)
    {
        if (!cluster.Ready)
        {
            return "cluster is not ready";
        }

        if (placement.ClusterAffinity is { } affinity && ClusterAffinityMatcher.Mismatch(cluster, affinity) is { } mismatch)
        {
            return mismatch;
        }

        // A cluster that already runs the workload keeps it despite a new taint: evicting is the taint manager's
        // decision (after tolerationSeconds), not the scheduler's, as in Karmada.
        if (!previouslyAssigned && TolerationMatcher.FirstUntoleratedTaint(cluster.Taints, placement.ClusterTolerations) is { } taint)
        {
            return $"cluster has an untolerated taint {{{taint}}}";
        }

        return null;
    }
}
