using System.Globalization;
using System.Text;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// The kube-state-metrics and cAdvisor series one cluster of <see cref="NodeCount"/> nodes and
/// <see cref="Namespaces"/> × <see cref="DeploymentsPerNamespace"/> × <see cref="PodsPerDeployment"/> pods would leave
/// in the engine after Insight scraped it, with the metric names, labels, <c>job</c> and <c>instance</c> the scraper
/// writes, as VictoriaMetrics' JSON-lines import takes them.
/// </summary>
public sealed class SyntheticCluster(string name, IReadOnlyList<long> timestamps)
{
    public const int NodeCount = 20;
    public const int Namespaces = 10;
    public const int DeploymentsPerNamespace = 10;
    public const int PodsPerDeployment = 10;
    public const int PodsPerNamespace = DeploymentsPerNamespace * PodsPerDeployment;
    public const int Pods = Namespaces * PodsPerNamespace;
    public const int SeriesPerPod = 10;
    public const int Series = NodeCount * 4 + Namespaces * 2 + Namespaces * DeploymentsPerNamespace * 2 + Pods * SeriesPerPod;
    private static readonly string[] Phases = ["Pending", "Succeeded", "Failed", "Unknown", "Running"];

    public string Name => name;

    public static string Namespace(int index) => $"team-{index}";

    public static string Deployment(int index) => $"svc-{index}";

    /// <summary>The ReplicaSet hash of a Deployment, and so the middle part of its pods' names.</summary>
    public static string TemplateHash(int deployment) => $"7c9f{deployment:D2}b5d8";

    /// <summary>Every series of the cluster, one JSON line each.</summary>
    public byte[] ImportBody()
    {
        var text = new StringBuilder(Series * (400 + timestamps.Count * 24));
        var ksm = $"\"job\":\"kube-state-metrics\",\"instance\":\"{name}\",\"cluster\":\"{name}\"";
        for (var n = 0; n < NodeCount; n++)
        {
            var node = NodeName(n);
            Line(text, "kube_node_info", $"{ksm},\"node\":\"{node}\",\"internal_ip\":\"10.0.{n / 250}.{n % 250 + 1}\",\"kubelet_version\":\"v1.30.4\",\"os_image\":\"Ubuntu 22.04.4 LTS\",\"container_runtime_version\":\"containerd://1.7.20\",\"kernel_version\":\"5.15.0-118-generic\",\"provider_id\":\"aws:///region-1a/i-{n:D8}\"", _ => 1);
            foreach (var (status, value) in new[] { ("true", 1), ("false", 0), ("unknown", 0) })
            {
                Line(text, "kube_node_status_condition", $"{ksm},\"node\":\"{node}\",\"condition\":\"Ready\",\"status\":\"{status}\"", _ => value);
            }
        }

        for (var ns = 0; ns < Namespaces; ns++)
        {
            var nsName = Namespace(ns);
            Line(text, "kube_namespace_status_phase", $"{ksm},\"namespace\":\"{nsName}\",\"phase\":\"Active\"", _ => 1);
            Line(text, "kube_namespace_status_phase", $"{ksm},\"namespace\":\"{nsName}\",\"phase\":\"Terminating\"", _ => 0);
            for (var d = 0; d < DeploymentsPerNamespace; d++)
            {
                var deployment = Deployment(d);
                var unavailable = (ns + d) % 7 == 0 ? 1 : 0;
                Line(text, "kube_deployment_spec_replicas", $"{ksm},\"namespace\":\"{nsName}\",\"deployment\":\"{deployment}\"", _ => PodsPerDeployment);
                Line(text, "kube_deployment_status_replicas_available", $"{ksm},\"namespace\":\"{nsName}\",\"deployment\":\"{deployment}\"", _ => PodsPerDeployment - unavailable);
                for (var p = 0; p < PodsPerDeployment; p++)
                {
                    PodSeries(text, ksm, ns, d, p, unavailable == 1 && p == 0);
                }
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private void PodSeries(StringBuilder text, string ksm, int ns, int d, int p, bool pending)
    {
        var nsName = Namespace(ns);
        var index = (ns * DeploymentsPerNamespace + d) * PodsPerDeployment + p;
        var pod = $"{Deployment(d)}-{TemplateHash(d)}-{Suffix(index)}";
        var node = NodeName(index % NodeCount);
        var uid = $"{(uint)name.GetHashCode(StringComparison.Ordinal):x8}-{index:x4}-4c3a-9e1f-{index:x12}";
        var podLabels = $"\"namespace\":\"{nsName}\",\"pod\":\"{pod}\",\"uid\":\"{uid}\"";
        Line(text, "kube_pod_info", $"{ksm},{podLabels},\"host_ip\":\"10.0.{index % NodeCount / 250}.{index % NodeCount % 250 + 1}\",\"pod_ip\":\"10.244.{index / 250}.{index % 250 + 1}\",\"node\":\"{node}\",\"created_by_kind\":\"ReplicaSet\",\"created_by_name\":\"{Deployment(d)}-{TemplateHash(d)}\",\"priority_class\":\"\",\"host_network\":\"false\"", _ => 1);
        var phase = pending ? "Pending" : "Running";
        foreach (var candidate in Phases)
        {
            Line(text, "kube_pod_status_phase", $"{ksm},{podLabels},\"phase\":\"{candidate}\"", _ => candidate == phase ? 1 : 0);
        }

        Line(text, "kube_pod_container_status_ready", $"{ksm},{podLabels},\"container\":\"app\"", _ => pending ? 0 : 1);
        Line(text, "kube_pod_container_status_restarts_total", $"{ksm},{podLabels},\"container\":\"app\"", _ => index % 13 == 0 ? 2 : 0);
        var cadvisor = $"\"job\":\"cadvisor\",\"instance\":\"{node}\",\"cluster\":\"{name}\",\"container\":\"app\",\"image\":\"registry.local/{Deployment(d)}:1.4.{d}\",\"namespace\":\"{nsName}\",\"node\":\"{node}\",\"pod\":\"{pod}\"";
        var cores = 0.05 + index % 17 * 0.01;
        Line(text, "container_cpu_usage_seconds_total", cadvisor, t => Math.Round(cores * (t - timestamps[0]) / 1000.0 + 3600, 3));
        Line(text, "container_memory_working_set_bytes", cadvisor, t => (64 + index % 23 * 8) * 1024L * 1024 + t / 1000 % 60 * 4096);
    }

    private void Line(StringBuilder text, string metric, string labels, Func<long, double> value)
    {
        text.Append("{\"metric\":{\"__name__\":\"").Append(metric).Append("\",").Append(labels).Append("},\"values\":[");
        for (var i = 0; i < timestamps.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(value(timestamps[i]).ToString("R", CultureInfo.InvariantCulture));
        }

        text.Append("],\"timestamps\":[");
        for (var i = 0; i < timestamps.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(timestamps[i].ToString(CultureInfo.InvariantCulture));
        }

        text.Append("]}\n");
    }

    private static string NodeName(int index) => $"worker-{index:D2}";

    // Five characters as the ReplicaSet controller appends them.
    private static string Suffix(int index)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[index % alphabet.Length];
            index = index / alphabet.Length + i * 7;
        }

        return new string(chars);
    }
}
