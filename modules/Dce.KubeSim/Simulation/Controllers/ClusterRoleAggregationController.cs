using Dce.KubeSim.Authorization;
using Dce.KubeSim.Clusters;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>Keeps aggregated ClusterRoles (admin, edit, view and any with an aggregationRule) holding their sources' rules.</summary>
public sealed class ClusterRoleAggregationController : IController
{
    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    public void Reconcile(SimulatedCluster cluster, DateTime now) => ClusterRoleAggregation.Reconcile(cluster);
}
