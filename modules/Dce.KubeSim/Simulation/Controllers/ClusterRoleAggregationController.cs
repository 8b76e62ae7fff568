using Dce.KubeSim.Authorization;
using Dce.KubeSim.Clusters;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>Keeps aggregated ClusterRoles (admin, edit, view and any with an aggregationRule) holding their sources' rules.</summary>
public sealed class ClusterRoleAggregationController : IController
{
    private (long, int) seen;

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        // Roles are parsed only when a ClusterRole changed since the last pass.
        var roles = cluster.Store.List(cluster.Type("rbac.authorization.k8s.io", "clusterroles").StorageKey, null).Items;
        var state = (roles.Select(r => r.ResourceVersion).DefaultIfEmpty().Max(), roles.Count);
        if (state == seen)
        {
            return;
        }
        seen = state;
        ClusterRoleAggregation.Reconcile(cluster);
    }
}
