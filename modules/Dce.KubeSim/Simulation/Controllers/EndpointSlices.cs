using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// The EndpointSlice of a Service, which <c>kubectl describe service</c> and modern clients read: every Ready pod, a
/// Terminating one as serving but not ready (so proxies stop sending it new connections).
/// </summary>
public static class EndpointSlices
{
    public static void Sync(SimulatedCluster cluster, StoredObject service, IReadOnlyList<StoredObject> servingPods, JsonArray ports)
    {
        var type = cluster.Type("discovery.k8s.io", "endpointslices");
        var name = service.Name + "-kubesim";
        var endpoints = new JsonArray(servingPods.Select(p => (JsonNode)new JsonObject
        {
            ["addresses"] = new JsonArray(p.Parse().StrAt("status.podIP")),
            ["conditions"] = new JsonObject { ["ready"] = !p.Deleting, ["serving"] = true, ["terminating"] = p.Deleting },
            ["nodeName"] = p.NodeName,
            ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = p.Name, ["namespace"] = p.Namespace, ["uid"] = p.Uid },
        }).ToArray());
        var slicePorts = ports.DeepClone();
        var existing = cluster.Store.Get(type.StorageKey, service.Namespace, name);
        if (existing is null)
        {
            try
            {
                cluster.Objects.Create(type, service.Namespace, new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["labels"] = new JsonObject
                        {
                            ["kubernetes.io/service-name"] = service.Name,
                            ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                        },
                        ["ownerReferences"] = new JsonArray(new JsonObject
                        {
                            ["apiVersion"] = "v1", ["kind"] = "Service", ["name"] = service.Name, ["uid"] = service.Uid,
                            ["controller"] = true, ["blockOwnerDeletion"] = true,
                        }),
                    },
                    ["addressType"] = "IPv4",
                    ["endpoints"] = endpoints,
                    ["ports"] = slicePorts,
                });
            }
            catch (ApiException)
            {
                // Namespace terminating or created concurrently.
            }
            return;
        }
        var current = existing.Parse();
        if (!JsonNode.DeepEquals(current["endpoints"], endpoints) || !JsonNode.DeepEquals(current["ports"], slicePorts))
        {
            cluster.Objects.Mutate(type, service.Namespace, name, slice =>
            {
                slice["endpoints"] = endpoints.DeepClone();
                slice["ports"] = slicePorts.DeepClone();
                return true;
            });
        }
    }
}
