using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// The cluster's ingress controller as far as the API shows it: every Ingress gets the controller's address in
/// <c>status.loadBalancer.ingress</c> (the profile's <see cref="Configuration.ClusterProfile.IngressAddress"/>), as a
/// real controller publishes its load balancer once it serves the Ingress.
/// </summary>
public sealed class IngressController : IController
{
    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(500);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("networking.k8s.io", "ingresses");
        var address = cluster.Profile.IngressAddress;
        foreach (var ingress in cluster.Store.List(type.StorageKey, null, i => !i.Deleting).Items)
        {
            if ((ingress.Parse().At("status.loadBalancer.ingress") as JsonArray)?.FirstOrDefault()?["ip"]?.ToString() == address)
            {
                continue;
            }

            cluster.Objects.Mutate(type, ingress.Namespace, ingress.Name, latest =>
            {
                latest["status"] = new JsonObject
                {
                    ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = address }) },
                };
                return true;
            }, "status");
        }
    }
}
