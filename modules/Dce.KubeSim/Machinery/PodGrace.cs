using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// The grace period of a deleted pod. A pod on a node whose containers have a preStop hook stays Terminating
/// (deletionTimestamp at the end of its grace period) until the kubelet has run the hook; any other pod is gone at once,
/// as a process that exits on SIGTERM is. A grace period of 0 (<c>--force --grace-period=0</c>, or the kubelet done) removes it.
/// </summary>
public static class PodGrace
{
    public const long DefaultSeconds = 30;

    public static long Of(ResourceType type, JsonObject pod, DeleteOptions options)
    {
        if (type.Group != "" || type.Plural != "pods" || pod.StrAt("spec.nodeName") is null
            || pod.StrAt("status.phase") is "Succeeded" or "Failed" || !HasPreStop(pod))
        {
            return 0;
        }
        return Math.Max(0, options.GracePeriodSeconds ?? pod.At("spec").Long("terminationGracePeriodSeconds") ?? DefaultSeconds);
    }

    /// <summary>A pod the API keeps until the kubelet removes it.</summary>
    public static bool IsTerminating(JsonObject meta) => meta["deletionTimestamp"] is not null && meta.Long("deletionGracePeriodSeconds") is > 0;

    /// <summary>The longest preStop <c>sleep</c> of the pod's containers; other hooks take no time here.</summary>
    public static TimeSpan PreStopSleep(JsonObject pod) => TimeSpan.FromSeconds(Containers(pod)
        .Select(c => c.At("lifecycle.preStop.sleep").Long("seconds") ?? 0).DefaultIfEmpty(0).Max());

    private static bool HasPreStop(JsonObject pod) => Containers(pod).Any(c => c.At("lifecycle.preStop") is not null);

    private static IEnumerable<JsonNode> Containers(JsonObject pod) => (pod.At("spec.containers") as JsonArray ?? []).OfType<JsonNode>();
}
