using System.Text.Json.Nodes;
using Dce.KubeSim.Api.Metrics;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api.Proxy;

/// <summary>
/// <c>/api/v1/nodes/{node}/proxy/...</c>: the API server's way to a node's kubelet. The simulated kubelet serves
/// <c>/metrics</c>, <c>/metrics/cadvisor</c> and <c>/healthz</c>; a node whose kubelet stopped reporting (marked NotReady
/// through the failure controls) cannot be dialed, nor can a port the kubelet does not listen on.
/// </summary>
public static class NodeProxy
{
    public const int KubeletPort = 10250;

    public static Task HandleAsync(HttpContext context, SimulatedCluster sim, ApiPath path)
    {
        var id = path.Name ?? throw ApiException.NoResource();
        var target = ProxyTarget.Parse(id) ?? throw ApiException.BadRequest($"invalid node request \"{id}\"");
        var type = sim.Type("", "nodes");
        var node = sim.Store.Get(type.StorageKey, "", target.Name) ?? throw ApiException.NotFound(type, target.Name);
        var address = (node.Parse().At("status.addresses") as JsonArray ?? []).FirstOrDefault(a => a.Str("type") == "InternalIP").Str("address") ?? node.Name;
        var port = target.Port.Length == 0 ? KubeletPort : target.PortNumber ?? 0;
        if (sim.Failures.NotReadyNodes.ContainsKey(node.Name))
        {
            throw ProxiedBackend.Unreachable(address, port, "i/o timeout");
        }
        if (port != KubeletPort)
        {
            throw ProxiedBackend.Unreachable(address, port, "connect: connection refused");
        }
        return path.ProxyPath switch
        {
            "metrics" => KubeletMetrics.Write(sim, node).WriteAsync(context),
            "metrics/cadvisor" => CadvisorMetrics.Write(sim, node, DateTime.UtcNow).WriteAsync(context),
            "healthz" => ProxiedBackend.Text(context, 200, "ok"),
            _ => ProxiedBackend.PageNotFound(context),
        };
    }
}
