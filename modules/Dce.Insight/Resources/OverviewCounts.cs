namespace Dce.Insight.Resources;

/// <summary>
/// What <c>overview/resources/count</c> counts. Each count is kept per cluster (and namespace, where the objects have one)
/// by a recording rule vmalert evaluates every interval, so the count reads a few thousand recorded series instead of
/// every pod's. The recorded series keep <c>cluster</c> and <c>namespace</c>, so a caller's scope filters them as it
/// filters the raw ones. Until the first evaluation, or without vmalert, the count reads the raw series.
/// </summary>
public static class OverviewCounts
{
    public const string RuleFileName = "dce-overview.yaml";
    public const string GroupName = "dce-overview";

    public static readonly OverviewCount[] All =
    [
        new("clusters", "count(count by (cluster) (kube_namespace_status_phase))",
            "cluster_namespace:kube_namespace_status_phase:count", "count by (cluster, namespace) (kube_namespace_status_phase)",
            "count(count by (cluster) (cluster_namespace:kube_namespace_status_phase:count))"),
        Summed("nodes", "count(kube_node_info)", "cluster:kube_node_info:count", "count by (cluster) (kube_node_info)"),
        Summed("nodes_ready", "count(" + KubeStateQueries.ReadyNodes + ")",
            "cluster:kube_node_ready:count", "count by (cluster) (" + KubeStateQueries.ReadyNodes + ")"),
        Summed("deployments", "count(kube_deployment_spec_replicas)",
            "cluster_namespace:kube_deployment_spec_replicas:count", "count by (cluster, namespace) (kube_deployment_spec_replicas)"),
        Summed("statefulsets", "count(kube_statefulset_replicas)",
            "cluster_namespace:kube_statefulset_replicas:count", "count by (cluster, namespace) (kube_statefulset_replicas)"),
        Summed("daemonsets", "count(kube_daemonset_status_desired_number_scheduled)",
            "cluster_namespace:kube_daemonset_status_desired_number_scheduled:count", "count by (cluster, namespace) (kube_daemonset_status_desired_number_scheduled)"),
        Summed("pods", "count(count by (cluster, namespace, pod) (kube_pod_info))",
            "cluster_namespace:kube_pod_info:count", "count by (cluster, namespace) (count by (cluster, namespace, pod) (kube_pod_info))"),
        Summed("pods_running", "count(kube_pod_status_phase{phase=\"Running\"} == 1)",
            "cluster_namespace:kube_pod_running:count", "count by (cluster, namespace) (kube_pod_status_phase{phase=\"Running\"} == 1)"),
    ];

    /// <summary>The recording rules as one vmalert group, evaluated every <paramref name="interval"/> over every cluster.</summary>
    public static Dictionary<string, object> RecordingGroup(TimeSpan interval) => new()
    {
        ["name"] = GroupName,
        ["interval"] = $"{(long)interval.TotalMilliseconds}ms",
        ["rules"] = All.Select(count => new Dictionary<string, object> { ["record"] = count.Record, ["expr"] = count.RecordExpr }).ToArray(),
    };

    private static OverviewCount Summed(string name, string raw, string record, string recordExpr) =>
        new(name, raw, record, recordExpr, $"sum({record})");
}

/// <summary>
/// One count: <paramref name="Raw"/> over the scraped series; <paramref name="Record"/>, the series a recording rule keeps
/// with <paramref name="RecordExpr"/>; <paramref name="Recorded"/>, the same count read from it.
/// </summary>
public sealed record OverviewCount(string Name, string Raw, string Record, string RecordExpr, string Recorded);
