using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery;

/// <summary>Pod defaults about resources: requests taken from limits where left out, and the QoS class they give.</summary>
public static class PodResourceDefaults
{
    public static void Apply(JsonObject pod)
    {
        var containers = new[] { "containers", "initContainers" }
            .SelectMany(field => pod.At("spec." + field) as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var container in containers)
        {
            if (container.At("resources.limits") is JsonObject { Count: > 0 } limits)
            {
                var requests = container.Obj("resources").Obj("requests");
                foreach (var (name, limit) in limits)
                {
                    requests[name] ??= limit?.DeepClone();
                }
            }
        }
        pod.Obj("status")["qosClass"] ??= QosClass(containers);
    }

    private static string QosClass(List<JsonObject> containers)
    {
        var any = containers.Any(c => c.At("resources.requests") is JsonObject { Count: > 0 } || c.At("resources.limits") is JsonObject { Count: > 0 });
        if (!any)
        {
            return "BestEffort";
        }
        var guaranteed = containers.All(c => new[] { "cpu", "memory" }.All(r =>
            c.At("resources.limits")?[r] is { } limit && c.At("resources.requests")?[r] is { } request
            && Quantity.Parse(limit.ToString()).Value == Quantity.Parse(request.ToString()).Value));
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
