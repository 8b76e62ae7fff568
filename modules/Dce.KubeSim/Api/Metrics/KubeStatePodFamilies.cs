using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using static Dce.KubeSim.Api.Metrics.KubeStateMetrics;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>kube-state-metrics' pod families: info, phase, container requests, limits, readiness and restarts.</summary>
internal static class KubeStatePodFamilies
{
    private static readonly string[] Phases = ["Pending", "Succeeded", "Failed", "Unknown", "Running"];

    public static void Write(ExpositionWriter metrics, IReadOnlyList<JsonObject> pods)
    {
        metrics.Gauge("kube_pod_info", "[STABLE] Information about pod.");
        foreach (var pod in pods)
        {
            var controller = (pod.At("metadata.ownerReferences") as JsonArray ?? []).FirstOrDefault(o => o?["controller"]?.GetValue<bool>() == true);
            metrics.Sample(1, ("namespace", NamespaceOf(pod)), ("pod", Name(pod)), ("uid", Uid(pod)),
                ("host_ip", pod.StrAt("status.hostIP") ?? ""), ("pod_ip", pod.StrAt("status.podIP") ?? ""), ("node", Node(pod)),
                ("created_by_kind", controller.Str("kind") ?? "<none>"), ("created_by_name", controller.Str("name") ?? "<none>"),
                ("priority_class", pod.StrAt("spec.priorityClassName") ?? ""),
                ("host_network", pod.At("spec.hostNetwork")?.GetValue<bool>() == true ? "true" : "false"));
        }

        metrics.Gauge("kube_pod_status_phase", "[STABLE] The pods current phase.");
        foreach (var pod in pods)
        {
            // kube-state-metrics leaves out a pod with no phase yet.
            if (pod.StrAt("status.phase") is not { Length: > 0 } phase)
            {
                continue;
            }
            foreach (var candidate in Phases)
            {
                metrics.Sample(candidate == phase ? 1 : 0, ("namespace", NamespaceOf(pod)), ("pod", Name(pod)), ("uid", Uid(pod)), ("phase", candidate));
            }
        }

        Resources(metrics, pods, "requests",
            "[STABLE] The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.");
        Resources(metrics, pods, "limits",
            "[STABLE] The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.");

        metrics.Gauge("kube_pod_container_status_ready", "[STABLE] Describes whether the containers readiness check succeeded.");
        foreach (var (pod, status) in ContainerStatuses(pods))
        {
            metrics.Sample(status["ready"]?.GetValue<bool>() == true ? 1 : 0,
                ("namespace", NamespaceOf(pod)), ("pod", Name(pod)), ("uid", Uid(pod)), ("container", status.Str("name") ?? ""));
        }

        metrics.Counter("kube_pod_container_status_restarts_total", "[STABLE] The number of container restarts per container.");
        foreach (var (pod, status) in ContainerStatuses(pods))
        {
            metrics.Sample(status.Long("restartCount") ?? 0,
                ("namespace", NamespaceOf(pod)), ("pod", Name(pod)), ("uid", Uid(pod)), ("container", status.Str("name") ?? ""));
        }
    }

    private static void Resources(ExpositionWriter metrics, IReadOnlyList<JsonObject> pods, string kind, string help)
    {
        metrics.Gauge($"kube_pod_container_resource_{kind}", help);
        foreach (var pod in pods)
        {
            foreach (var container in (pod.At("spec.containers") as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var (name, quantity) in container.At("resources." + kind).StringMap().OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    var (resource, unit, value) = Resource(name, quantity);
                    metrics.Sample(value, ("namespace", NamespaceOf(pod)), ("pod", Name(pod)), ("uid", Uid(pod)),
                        ("container", container.Str("name") ?? ""), ("node", Node(pod)), ("resource", resource), ("unit", unit));
                }
            }
        }
    }

    private static IEnumerable<(JsonObject Pod, JsonObject Status)> ContainerStatuses(IReadOnlyList<JsonObject> pods) =>
        pods.SelectMany(pod => (pod.At("status.containerStatuses") as JsonArray ?? []).OfType<JsonObject>().Select(status => (pod, status)));

    private static string Uid(JsonObject pod) => pod.StrAt("metadata.uid") ?? "";

    private static string Node(JsonObject pod) => pod.StrAt("spec.nodeName") ?? "";
}
