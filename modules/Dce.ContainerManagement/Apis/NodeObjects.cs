using System.Globalization;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Quantities;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A node as DCE shows it: the object's metadata and spec, and a status of what the node list shows (phase and
/// conditions, roles, CPU in millicores and memory in bytes with usage in percent, pods allowed and placed).
/// </summary>
internal static class NodeObjects
{
    private static readonly string[] ControlPlaneRoles = ["control-plane", "master"];

    public static JsonObject Shaped(JsonObject node, NodeSummary? summary, string cluster)
    {
        if (node["metadata"] is JsonObject metadata)
        {
            metadata["cluster"] = cluster;
        }

        var raw = node["status"] as JsonObject ?? [];
        var conditions = raw["conditions"] as JsonArray ?? [];
        var ready = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready");
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = ready is null ? "Unknown" : ready["status"]?.ToString() == "True" ? "Ready" : "Not_Ready",
                ["conditions"] = conditions.DeepClone(),
            },
            ["addresses"] = raw["addresses"]?.DeepClone(),
            ["systemInfo"] = raw["nodeInfo"]?.DeepClone(),
        };
        if (summary is not null)
        {
            status["roles"] = new JsonArray(summary.Roles.Any(r => ControlPlaneRoles.Contains(r)) ? "CONTROL_PLANE" : "WORKER");
            status["cpuCapacity"] = Quantity.MilliCpu(summary.Capacity.Cpu).ToString(CultureInfo.InvariantCulture);
            status["memoryCapacity"] = Quantity.Bytes(summary.Capacity.Memory).ToString(CultureInfo.InvariantCulture);
            status["allowedPodNumber"] = (int)Quantity.Parse(summary.Allocatable.Pods).Value;
            status["podAllocated"] = summary.PodCount;
            if (summary.Usage is { } usage)
            {
                status["cpuUsage"] = Percent(Quantity.MilliCpu(usage.Cpu), Quantity.MilliCpu(summary.Allocatable.Cpu));
                status["memoryUsage"] = Percent(Quantity.Bytes(usage.Memory), Quantity.Bytes(summary.Allocatable.Memory));
            }
        }

        node["status"] = status;
        return node;
    }

    public static JsonObject Summary(JsonObject node) => new()
    {
        ["name"] = node["metadata"]?["name"]?.DeepClone(),
        ["uid"] = node["metadata"]?["uid"]?.DeepClone(),
        ["creationTimestamp"] = node["metadata"]?["creationTimestamp"]?.DeepClone(),
        ["podCIDR"] = node["spec"]?["podCIDR"]?.DeepClone(),
        ["unschedulable"] = node["spec"]?["unschedulable"]?.GetValue<bool>() ?? false,
        ["phase"] = (node["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready") is { } ready
            ? ready["status"]?.ToString() == "True" ? "Ready" : "Not_Ready"
            : "Unknown",
    };

    private static double Percent(long used, long total) => total > 0 ? Math.Round(used * 100d / total, 2) : 0;
}
