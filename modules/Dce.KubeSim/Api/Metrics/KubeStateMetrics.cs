using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// kube-state-metrics as the cluster's <c>kube-system/kube-state-metrics</c> Service serves it: its families, names and
/// labels, read from the objects in the store at scrape time.
/// </summary>
public static class KubeStateMetrics
{
    public const string ServiceNamespace = "kube-system";
    public const string ServiceName = "kube-state-metrics";
    public const string PortName = "http-metrics";
    public const int Port = 8080;

    private static readonly string[] NamespacePhases = ["Active", "Terminating"];

    public static ExpositionWriter Write(SimulatedCluster sim)
    {
        var metrics = new ExpositionWriter();
        KubeStatePodFamilies.Write(metrics, Objects(sim, "", "pods"));
        KubeStateWorkloadFamilies.Write(metrics, Objects(sim, "apps", "deployments"), Objects(sim, "apps", "statefulsets"), Objects(sim, "apps", "daemonsets"));
        KubeStateNodeFamilies.Write(metrics, Objects(sim, "", "nodes"));

        metrics.Gauge("kube_namespace_status_phase", "[STABLE] kubernetes namespace status phase.");
        foreach (var ns in Objects(sim, "", "namespaces"))
        {
            var phase = ns.StrAt("status.phase") ?? "Active";
            foreach (var candidate in NamespacePhases)
            {
                metrics.Sample(candidate == phase ? 1 : 0, ("namespace", Name(ns)), ("phase", candidate));
            }
        }
        return metrics;
    }

    internal static string Name(JsonObject obj) => obj.StrAt("metadata.name") ?? "";

    internal static string NamespaceOf(JsonObject obj) => obj.StrAt("metadata.namespace") ?? "";

    /// <summary>A resource as kube-state-metrics labels it, with its unit and value: cpu in cores, memory and storage in bytes.</summary>
    internal static (string Resource, string Unit, double Value) Resource(string name, string? quantity)
    {
        var value = (double)Quantity.Parse(quantity).Value;
        var unit = name switch
        {
            "cpu" => "core",
            "memory" or "storage" or "ephemeral-storage" => "byte",
            _ when name.StartsWith("hugepages-", StringComparison.Ordinal) => "byte",
            _ => "integer",
        };
        return (SanitizedLabel(name), unit, value);
    }

    private static IReadOnlyList<JsonObject> Objects(SimulatedCluster sim, string group, string plural) =>
        sim.Store.List(sim.Type(group, plural).StorageKey, null).Items.Select(o => o.Parse()).ToList();

    // kube-state-metrics turns every character a label name cannot hold into an underscore (nvidia.com/gpu: nvidia_com_gpu).
    private static string SanitizedLabel(string name) =>
        string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '_';
            }
        });
}
