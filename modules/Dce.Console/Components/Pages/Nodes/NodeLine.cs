using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Nodes;

/// <summary>A node as Container Management describes it: readiness, schedulability, roles, capacity and use.</summary>
public sealed record NodeLine(
    string Name, string Phase, bool Unschedulable, string Roles, string CpuMillicores, double CpuPercent, string MemoryBytes, double MemoryPercent,
    int Pods, int PodsAllowed, string InternalIp)
{
    public bool Ready => Phase == "Ready";

    public string Status => (Ready ? "Ready" : Phase.Replace('_', ' ')) + (Unschedulable ? ", scheduling disabled" : "");

    public static string ListPath(string cluster) => $"/apis/kpanda.io/v1alpha1/clusters/{Uri.EscapeDataString(cluster)}/nodes?pageSize=1000";

    public static string PathOf(string cluster, string node) =>
        $"/apis/kpanda.io/v1alpha1/clusters/{Uri.EscapeDataString(cluster)}/nodes/{Uri.EscapeDataString(node)}";

    public static NodeLine Of(JsonElement node)
    {
        var status = node.Prop("status");
        var roles = status.Prop("roles").Items().Select(r => r.GetString() == "CONTROL_PLANE" ? "control plane" : "worker");
        var address = status.Prop("addresses").Items().FirstOrDefault(a => a.Text("type") == "InternalIP");
        return new NodeLine(
            node.Prop("metadata").Text("name"), status.Prop("status").Text("phase"), node.Prop("spec").Prop("unschedulable").ValueKind == JsonValueKind.True,
            string.Join(", ", roles), status.Text("cpuCapacity"), Clusters.Quantities.Number(status.Text("cpuUsage")),
            status.Text("memoryCapacity"), Clusters.Quantities.Number(status.Text("memoryUsage")),
            status.Int("podAllocated"), status.Int("allowedPodNumber"), address.Text("address"));
    }
}
