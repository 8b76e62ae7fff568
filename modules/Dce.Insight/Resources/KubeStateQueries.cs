namespace Dce.Insight.Resources;

/// <summary>
/// The PromQL that reads a cluster's objects back from the kube-state-metrics and cAdvisor series Insight scraped; every
/// query runs limited to the caller's scope, so a namespace viewer reads only their namespaces' series.
/// </summary>
internal static class KubeStateQueries
{
    public const string Nodes = "kube_node_info";
    public const string ReadyNodes = "kube_node_status_condition{condition=\"Ready\",status=\"true\"} == 1";
    public const string Pods = "kube_pod_info";
    public const string PodPhases = "kube_pod_status_phase == 1";
    public static readonly string PodCpuOfAll = PodCpu("");

    // Each for the pods the label matchers (inside the braces, "" for all) select.
    public static string ReadyContainers(string matchers) => Select("kube_pod_container_status_ready", matchers);

    public static string Restarts(string matchers) => $"sum by (cluster, namespace, pod) ({Select("kube_pod_container_status_restarts_total", matchers)})";

    public static string PodCpu(string matchers) => $"sum by (cluster, namespace, pod) (rate({Select("container_cpu_usage_seconds_total", matchers)}[2m]))";

    public static string PodMemory(string matchers) => $"sum by (cluster, namespace, pod) ({Select("container_memory_working_set_bytes", matchers)})";
    public const string Namespaces = "kube_namespace_status_phase{phase=\"Active\"} == 1";

    /// <summary>The desired and ready replica series of a workload kind, by <c>namespace</c> and the kind's own label.</summary>
    public static (string Desired, string Ready, string Label, string OwnerKind) Workload(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => ("kube_deployment_spec_replicas", "kube_deployment_status_replicas_available", "deployment", "ReplicaSet"),
        WorkloadKind.StatefulSet => ("kube_statefulset_replicas", "kube_statefulset_status_replicas_ready", "statefulset", "StatefulSet"),
        _ => ("kube_daemonset_status_desired_number_scheduled", "kube_daemonset_status_number_ready", "daemonset", "DaemonSet"),
    };

    private static string Select(string metric, string matchers) => matchers.Length == 0 ? metric : $"{metric}{{{matchers}}}";

    /// <summary>A label matcher value with PromQL's escapes.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>A regular expression matching the Kubernetes name <paramref name="value"/> literally (its only special character is the dot).</summary>
    public static string Literal(string value) => value.Replace(".", "\\.", StringComparison.Ordinal);
}

/// <summary>The workload kinds DCE's resource endpoints list.</summary>
internal enum WorkloadKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
}
