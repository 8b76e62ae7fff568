using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using static Dce.KubeSim.Api.Metrics.KubeStateMetrics;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>kube-state-metrics' Deployment, StatefulSet and DaemonSet replica families.</summary>
internal static class KubeStateWorkloadFamilies
{
    public static void Write(ExpositionWriter metrics, IReadOnlyList<JsonObject> deployments, IReadOnlyList<JsonObject> statefulSets,
        IReadOnlyList<JsonObject> daemonSets)
    {
        Family(metrics, deployments, "deployment", "kube_deployment_spec_replicas", "Number of desired pods for a deployment.", d => d.At("spec").Long("replicas") ?? 1);
        Family(metrics, deployments, "deployment", "kube_deployment_status_replicas", "The number of replicas per deployment.", d => Status(d, "replicas"));
        Family(metrics, deployments, "deployment", "kube_deployment_status_replicas_available", "The number of available replicas per deployment.",
            d => Status(d, "availableReplicas"));
        Family(metrics, deployments, "deployment", "kube_deployment_status_replicas_unavailable", "The number of unavailable replicas per deployment.",
            d => Status(d, "unavailableReplicas"));
        Family(metrics, statefulSets, "statefulset", "kube_statefulset_replicas", "Number of desired pods for a StatefulSet.", s => s.At("spec").Long("replicas") ?? 1);
        Family(metrics, statefulSets, "statefulset", "kube_statefulset_status_replicas_ready", "The number of ready replicas per StatefulSet.",
            s => Status(s, "readyReplicas"));
        Family(metrics, daemonSets, "daemonset", "kube_daemonset_status_desired_number_scheduled", "The number of nodes that should be running the daemon pod.",
            d => Status(d, "desiredNumberScheduled"));
        Family(metrics, daemonSets, "daemonset", "kube_daemonset_status_number_ready",
            "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.", d => Status(d, "numberReady"));
    }

    private static void Family(ExpositionWriter metrics, IReadOnlyList<JsonObject> objects, string label, string name, string help, Func<JsonObject, long> value)
    {
        metrics.Gauge(name, "[STABLE] " + help);
        foreach (var obj in objects)
        {
            metrics.Sample(value(obj), ("namespace", NamespaceOf(obj)), (label, Name(obj)));
        }
    }

    private static long Status(JsonObject obj, string field) => obj.At("status").Long(field) ?? 0;
}
