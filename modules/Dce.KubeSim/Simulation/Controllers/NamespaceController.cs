using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>Empties terminating namespaces and then removes them; gives every namespace its default ServiceAccount.</summary>
public sealed class NamespaceController : IController
{
    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(100);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var nsType = cluster.Type("", "namespaces");
        var saType = cluster.Type("", "serviceaccounts");
        foreach (var ns in cluster.Store.List(nsType.StorageKey, null).Items)
        {
            if (ns.Deleting)
            {
                Drain(cluster, nsType, ns);
            }
            else if (cluster.Store.Get(saType.StorageKey, ns.Name, "default") is null)
            {
                try
                {
                    cluster.Objects.Create(saType, ns.Name, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
                }
                catch (ApiException)
                {
                    // Created concurrently or the namespace just started terminating.
                }
            }
        }
    }

    private static void Drain(SimulatedCluster cluster, ResourceType nsType, StoredObject ns)
    {
        var remaining = 0;
        foreach (var type in cluster.Catalog.All.Where(t => t.Namespaced && !t.ReadOnly).DistinctBy(t => t.StorageKey))
        {
            foreach (var item in cluster.Store.List(type.StorageKey, ns.Name).Items)
            {
                remaining++;
                if (item.Deleting && item.Finalizers.Count > 0)
                {
                    continue;
                }
                try
                {
                    cluster.Objects.Delete(type, item.Namespace, item.Name);
                }
                catch (ApiException)
                {
                    // Gone already.
                }
            }
        }
        if (remaining == 0)
        {
            cluster.Objects.Finalize(nsType, ns);
        }
    }
}
