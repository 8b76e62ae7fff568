using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Clusters;

/// <summary>A cluster as Container Management summarises it: phase, version, nodes, pods, CPU and memory, and why it is not Running.</summary>
public sealed record ClusterHealth(
    string Name, string Alias, string Phase, string Version, int Nodes, int NodesReady, int Pods,
    double CpuCores, double CpuUsedCores, double CpuPercent, double MemoryBytes, double MemoryUsedBytes, double MemoryPercent,
    string Provider, string Region, string Zone, string Reason)
{
    public const string ListPath = "/apis/kpanda.io/v1alpha1/clusters?pageSize=1000";

    public bool Running => Phase == "Running";

    public static string PathOf(string name) => $"/apis/kpanda.io/v1alpha1/clusters/{Uri.EscapeDataString(name)}";

    public static ClusterHealth Of(JsonElement item)
    {
        var status = item.Prop("status");
        var spec = item.Prop("spec");
        var resources = status.Prop("resourceSummary");
        var reachable = status.Prop("conditions").Items().FirstOrDefault(c => c.Text("type") == "Reachable");
        return new ClusterHealth(
            item.Prop("metadata").Text("name"), spec.Text("aliasName"), status.Text("phase"), status.Text("kubernetesVersion"),
            status.Prop("nodeSummary").Int("totalNum"), status.Prop("nodeSummary").Int("readyNum"), status.Prop("podSummary").Int("totalNum"),
            Quantities.Number(resources.Prop("allocatable").Text("cpu")), Quantities.Number(resources.Prop("allocated").Text("cpu")),
            Quantities.Number(status.Text("cpuUsage")),
            Quantities.Number(resources.Prop("allocatable").Text("memory")), Quantities.Number(resources.Prop("allocated").Text("memory")),
            Quantities.Number(status.Text("memoryUsage")),
            spec.Text("provider"), spec.Text("region"), spec.Text("zone"), reachable.Text("message"));
    }
}
