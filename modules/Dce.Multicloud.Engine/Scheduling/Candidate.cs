using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Scheduling;

/// <summary>A cluster that passed the filters: the replicas it has room for and those it ran after the last decision.</summary>
internal sealed record Candidate(MemberCluster Cluster, int Available, int Previous)
{
    public string Name => Cluster.Name;

    /// <summary>What the cluster could hold in total, counting the replicas already there (Karmada's view when spreading).</summary>
    public long Capacity => (long)Available + Previous;
}
