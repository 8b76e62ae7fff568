using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Keeps an Endpoints object per Service with a selector, listing the ready pods' IPs (a Terminating pod leaves at once),
/// and its EndpointSlice, where a Terminating pod that is still Ready stays as serving but not ready.
/// </summary>
public sealed class EndpointsController : IController
{
    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(500);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var serviceType = cluster.Type("", "services");
        var endpointsType = cluster.Type("", "endpoints");
        var podType = cluster.Type("", "pods");
        foreach (var service in cluster.Store.List(serviceType.StorageKey, null, s => !s.Deleting).Items)
        {
            var obj = service.Parse();
            var selector = obj.At("spec.selector").StringMap();
            if (selector.Count == 0)
            {
                continue;
            }
            var selected = cluster.Store.List(podType.StorageKey, service.Namespace, p => p.Ready && p.Phase == "Running" && selector.All(kv => p.Labels.GetValueOrDefault(kv.Key) == kv.Value)).Items;
            var ready = selected.Where(PodState.IsReady).ToList();
            var addresses = new JsonArray(ready.Select(p => (JsonNode)new JsonObject
            {
                ["ip"] = p.Parse().StrAt("status.podIP"), ["nodeName"] = p.NodeName,
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = p.Name, ["namespace"] = p.Namespace, ["uid"] = p.Uid },
            }).ToArray());
            var ports = new JsonArray((obj.At("spec.ports") as JsonArray ?? []).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Str("name"), ["port"] = p?["targetPort"] is JsonValue t && t.TryGetValue<int>(out var port) ? port : p.Long("port"), ["protocol"] = p.Str("protocol") ?? "TCP",
            }).ToArray());
            var subsets = ready.Count == 0 ? null : new JsonArray(new JsonObject { ["addresses"] = addresses, ["ports"] = ports });
            var existing = cluster.Store.Get(endpointsType.StorageKey, service.Namespace, service.Name);
            if (existing is null)
            {
                try
                {
                    cluster.Objects.Create(endpointsType, service.Namespace, new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["name"] = service.Name, ["labels"] = obj.At("metadata.labels")?.DeepClone() },
                        ["subsets"] = subsets,
                    });
                }
                catch (ApiException)
                {
                    // Namespace terminating or created concurrently.
                }
            }
            else if (!JsonNode.DeepEquals(existing.Parse()["subsets"], subsets))
            {
                cluster.Objects.Mutate(endpointsType, service.Namespace, service.Name, e => { e["subsets"] = subsets?.DeepClone(); return true; });
            }
            EndpointSlices.Sync(cluster, service, selected, ports);
        }
    }
}
