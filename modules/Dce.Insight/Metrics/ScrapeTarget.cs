namespace Dce.Insight.Metrics;

/// <summary>
/// One endpoint scraped through a cluster's API server, as Prometheus' Kubernetes configurations do: the API server's
/// own <c>/metrics</c>, kube-state-metrics through its Service proxy, each kubelet and its cAdvisor through the node proxy.
/// </summary>
public sealed record ScrapeTarget(string Job, string Instance, string Path)
{
    public const string KubeStateMetricsPath = "/api/v1/namespaces/kube-system/services/kube-state-metrics:http-metrics/proxy/metrics";

    public static ScrapeTarget ApiServer(string cluster) => new("apiserver", cluster, "/metrics");

    public static ScrapeTarget KubeStateMetrics(string cluster) => new("kube-state-metrics", cluster, KubeStateMetricsPath);

    public static ScrapeTarget Kubelet(string node) => new("kubelet", node, $"/api/v1/nodes/{Uri.EscapeDataString(node)}/proxy/metrics");

    public static ScrapeTarget Cadvisor(string node) => new("cadvisor", node, $"/api/v1/nodes/{Uri.EscapeDataString(node)}/proxy/metrics/cadvisor");
}
