using System.Text.Json.Nodes;
using Dce.KubeSim.Api.Metrics;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api.Proxy;

/// <summary>
/// <c>/api/v1/namespaces/{ns}/services/{[scheme:]name[:port]}/proxy/...</c>, resolved as the API server resolves it: a port
/// number to the Service's port name, then the name to an endpoint port. <c>kube-system/kube-state-metrics</c> is served
/// by the simulation itself, which stands in for its pods; simulated pods serve nothing over HTTP, so any other
/// Service's ready endpoint refuses the connection.
/// </summary>
public static class ServiceProxy
{
    public static Task HandleAsync(HttpContext context, SimulatedCluster sim, ApiPath path)
    {
        var (id, ns) = (path.Name ?? throw ApiException.NoResource(), path.Namespace ?? throw ApiException.NoResource());
        var target = ProxyTarget.Parse(id) ?? throw ApiException.BadRequest($"invalid service request \"{id}\"");
        var services = sim.Type("", "services");
        var endpoints = sim.Type("", "endpoints");
        var service = sim.Store.Get(services.StorageKey, ns, target.Name)?.Parse();
        var portName = target.Port;
        if (target.PortNumber is { } number)
        {
            var declared = Ports(service ?? throw ApiException.NotFound(services, target.Name)).Where(p => p.Port == number).Select(p => p.Name ?? "").ToList();
            portName = declared.Count > 0
                ? declared[0]
                : throw new ApiException(503, "ServiceUnavailable", $"no service port {number} found for service \"{target.Name}\"");
        }

        if (ns == KubeStateMetrics.ServiceNamespace && target.Name == KubeStateMetrics.ServiceName)
        {
            // The Service has no selector and so no Endpoints: it stands for the simulated kube-state-metrics pod.
            if (service is null)
            {
                throw ApiException.NotFound(endpoints, target.Name);
            }
            if (portName != KubeStateMetrics.PortName || Ports(service).All(p => p.Name != portName))
            {
                throw NoEndpoints(id);
            }
            return path.ProxyPath switch
            {
                "metrics" => KubeStateMetrics.Write(sim).WriteAsync(context),
                "healthz" => ProxiedBackend.Text(context, 200, "OK"),
                _ => ProxiedBackend.PageNotFound(context),
            };
        }

        var stored = sim.Store.Get(endpoints.StorageKey, ns, target.Name) ?? throw ApiException.NotFound(endpoints, target.Name);
        var subsets = stored.Parse()["subsets"] as JsonArray ?? [];
        if (subsets.Count == 0)
        {
            throw NoEndpoints(target.Name);
        }
        foreach (var subset in subsets)
        {
            var address = (subset?["addresses"] as JsonArray)?.FirstOrDefault().Str("ip");
            var port = (subset?["ports"] as JsonArray ?? []).FirstOrDefault(p => (p.Str("name") ?? "") == portName).Long("port");
            if (address is not null && port is not null)
            {
                throw ProxiedBackend.Unreachable(address, (int)port, "connect: connection refused");
            }
        }
        throw NoEndpoints(id);
    }

    private static ApiException NoEndpoints(string service) =>
        new(503, "ServiceUnavailable", $"no endpoints available for service \"{service}\"");

    private static IEnumerable<(string? Name, long? Port)> Ports(JsonObject service) =>
        (service.At("spec.ports") as JsonArray ?? []).Select(p => (p.Str("name"), p.Long("port")));
}
