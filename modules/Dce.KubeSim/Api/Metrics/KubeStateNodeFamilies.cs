using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using static Dce.KubeSim.Api.Metrics.KubeStateMetrics;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>kube-state-metrics' node families: info, conditions, capacity and allocatable.</summary>
internal static class KubeStateNodeFamilies
{
    private static readonly string[] ConditionStatuses = ["True", "False", "Unknown"];

    public static void Write(ExpositionWriter metrics, IReadOnlyList<JsonObject> nodes)
    {
        metrics.Gauge("kube_node_info", "[STABLE] Information about a cluster node.");
        foreach (var node in nodes)
        {
            var info = node.At("status.nodeInfo");
            var internalIp = (node.At("status.addresses") as JsonArray ?? []).FirstOrDefault(a => a.Str("type") == "InternalIP").Str("address");
            metrics.Sample(1, ("node", Name(node)), ("kernel_version", info.Str("kernelVersion") ?? ""), ("os_image", info.Str("osImage") ?? ""),
                ("container_runtime_version", info.Str("containerRuntimeVersion") ?? ""), ("kubelet_version", info.Str("kubeletVersion") ?? ""),
                ("kubeproxy_version", info.Str("kubeProxyVersion") ?? ""), ("provider_id", node.StrAt("spec.providerID") ?? ""),
                ("pod_cidr", node.StrAt("spec.podCIDR") ?? ""), ("system_uuid", info.Str("systemUUID") ?? ""), ("internal_ip", internalIp ?? ""));
        }

        metrics.Gauge("kube_node_status_condition", "[STABLE] The condition of a cluster node.");
        foreach (var node in nodes)
        {
            foreach (var condition in (node.At("status.conditions") as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var status in ConditionStatuses)
                {
                    metrics.Sample(condition.Str("status") == status ? 1 : 0,
                        ("node", Name(node)), ("condition", condition.Str("type") ?? ""), ("status", status.ToLowerInvariant()));
                }
            }
        }

        Resources(metrics, nodes, "capacity", "[STABLE] The capacity for different resources of a node.");
        Resources(metrics, nodes, "allocatable", "[STABLE] The allocatable for different resources of a node that are available for scheduling.");
    }

    private static void Resources(ExpositionWriter metrics, IReadOnlyList<JsonObject> nodes, string field, string help)
    {
        metrics.Gauge("kube_node_status_" + field, help);
        foreach (var node in nodes)
        {
            foreach (var (name, quantity) in node.At("status." + field).StringMap().OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var (resource, unit, value) = Resource(name, quantity);
                metrics.Sample(value, ("node", Name(node)), ("resource", resource), ("unit", unit));
            }
        }
    }
}
