using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Insight.Resources;

/// <summary>Rows in DCE's shapes: <c>NodeSummary</c>/<c>Node</c>, <c>workloadSummary</c>/<c>Workload</c>, <c>PodSummary</c>/<c>Pod</c>.</summary>
internal static class ResourceJson
{
    public static JsonObject NodeSummary(NodeRow node) => new()
    {
        ["name"] = node.Name,
        ["phase"] = node.Ready ? "NODE_PHASE_READY" : "NODE_PHASE_NOT_READY",
        ["podNumSummary"] = node.Pods.ToJson(),
        ["gpuVendors"] = new JsonArray(),
    };

    public static JsonObject Node(string cluster, NodeRow node) => new()
    {
        ["name"] = node.Name,
        ["cluster"] = cluster,
        ["operatingSystem"] = node.OsImage,
        ["address"] = node.InternalIp,
        ["nodeStatus"] = new JsonObject { ["phase"] = node.Ready ? "NODE_PHASE_READY" : "NODE_PHASE_NOT_READY" },
        ["podSummary"] = node.Pods.ToJson(),
    };

    public static JsonObject WorkloadSummary(WorkloadRow workload) => new()
    {
        ["name"] = workload.Name,
        ["namespace"] = workload.Namespace,
        ["phase"] = Phase(workload),
        ["podNumSummary"] = new Counted(workload.Desired, workload.Ready).ToJson(),
    };

    public static JsonObject Workload(string cluster, WorkloadRow workload)
    {
        var json = WorkloadSummary(workload);
        json["cluster"] = cluster;
        json["conditions"] = new JsonArray();
        return json;
    }

    public static JsonObject PodSummary(PodRow pod) => new()
    {
        ["name"] = pod.Name,
        ["namespace"] = pod.Namespace,
        ["phase"] = PodPhase(pod.Phase),
        ["containerNumSummary"] = pod.Containers.ToJson(),
        ["podIp"] = pod.PodIp,
        ["nodeName"] = pod.Node,
        ["restartCount"] = pod.Restarts,
        ["cpuUsage"] = Round(pod.CpuCores),
        ["memoryUsage"] = Round(pod.MemoryBytes),
    };

    public static JsonObject Pod(string cluster, PodRow pod) => new()
    {
        ["name"] = pod.Name,
        ["cluster"] = cluster,
        ["namespace"] = pod.Namespace,
        ["phase"] = PodPhase(pod.Phase),
        ["containerNumSummary"] = pod.Containers.ToJson(),
        ["podIp"] = pod.PodIp,
        ["conditions"] = new JsonArray(),
    };

    private static string Phase(WorkloadRow workload) => workload switch
    {
        { Desired: 0 } => "WORKLOAD_STATE_STOPPED",
        { Ready: var ready, Desired: var desired } when ready >= desired => "WORKLOAD_STATE_RUNNING",
        _ => "WORKLOAD_STATE_NOT_READY",
    };

    public static string PodPhase(string phase) => phase switch
    {
        "Pending" => "POD_PHASE_PENDING",
        "Running" => "POD_PHASE_RUNNING",
        "Succeeded" => "POD_PHASE_SUCCEED",
        "Failed" => "POD_PHASE_FAILED",
        _ => "POD_PHASE_UNKNOWN",
    };

    private static double Round(double value) => double.IsNaN(value) ? 0 : Math.Round(value, 6);

    /// <summary>The DCE phase a <c>phase</c> filter names, matched loosely (<c>RUNNING</c>, <c>Running</c>, <c>POD_PHASE_RUNNING</c>).</summary>
    public static bool PhaseMatches(string phase, string? wanted) =>
        string.IsNullOrEmpty(wanted) || phase.EndsWith(wanted.ToUpper(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
