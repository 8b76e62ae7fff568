using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Usage;

namespace Dce.KubeSim.Simulation.Autoscaling;

/// <summary>What one metric asks for: a replica count, the metric's name in events and its status entry.</summary>
public sealed record MetricProposal(long Replicas, string MetricName, JsonObject Status);

/// <summary>
/// The replica calculator of the autoscaler for <c>Resource</c> metrics: usage against the target (a utilization of
/// the request or an average value), the 10% tolerance, and the controller's care with unready pods (counted as idle
/// when scaling up) and pods without metrics (busy when scaling down, idle when scaling up).
/// </summary>
public static class ResourceMetricReplicas
{
    public const double Tolerance = 0.1;

    /// <summary>The proposal, or the error the controller reports (already prefixed as it prefixes it).</summary>
    public static MetricProposal? Compute(UsageModel usage, IReadOnlyList<StoredObject> pods, long currentReplicas, JsonNode? source, out string? error)
    {
        error = null;
        var name = source.Str("name") ?? "cpu";
        var resource = name == "memory" ? UsageResource.Memory : UsageResource.Cpu;
        var target = source?["target"];
        var utilizationTarget = target.Str("type") == "Utilization" ? target.Long("averageUtilization") : null;
        var failurePrefix = utilizationTarget is null ? $"failed to get {name} usage: " : $"failed to get {name} utilization: ";

        var metrics = new Dictionary<string, long>();
        foreach (var pod in pods)
        {
            if (usage.Pod(pod) is { } podUsage)
            {
                metrics[pod.Name] = Milli(podUsage.Of(resource), resource);
            }
        }
        if (metrics.Count == 0)
        {
            error = failurePrefix + $"unable to get metrics for resource {name}: no metrics returned from resource metrics API";
            return null;
        }
        if (pods.Count == 0)
        {
            error = failurePrefix + "no pods returned by selector while calculating replica count";
            return null;
        }

        var unready = new HashSet<string>();
        var missing = new HashSet<string>();
        var readyCount = 0;
        foreach (var pod in pods)
        {
            if (pod.Deleting || pod.Phase is "Failed" or "Succeeded")
            {
                metrics.Remove(pod.Name);
                continue;
            }
            if (pod.Phase == "Pending" || (resource == UsageResource.Cpu && metrics.ContainsKey(pod.Name) && !pod.Ready))
            {
                unready.Add(pod.Name);
                metrics.Remove(pod.Name);
                continue;
            }
            if (!metrics.ContainsKey(pod.Name))
            {
                missing.Add(pod.Name);
                continue;
            }
            readyCount++;
        }
        if (metrics.Count == 0)
        {
            error = failurePrefix + "did not receive metrics for targeted pods (pods might be unready)";
            return null;
        }

        Dictionary<string, long>? requests = null;
        if (utilizationTarget is not null)
        {
            requests = Requests(pods, name, resource, out error);
            if (requests is null)
            {
                error = failurePrefix + error;
                return null;
            }
        }

        var (ratio, utilization, average) = Ratio(metrics, requests, utilizationTarget, target, resource);
        var current = new JsonObject { ["averageValue"] = Format(average) };
        if (utilization is not null)
        {
            current = new JsonObject { ["averageUtilization"] = utilization, ["averageValue"] = Format(average) };
        }
        var status = new JsonObject
        {
            ["type"] = "Resource",
            ["resource"] = new JsonObject { ["name"] = name, ["current"] = current },
        };
        var metricName = utilizationTarget is null ? $"{name} resource" : $"{name} resource utilization (percentage of request)";

        var scaleUpWithUnready = unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && missing.Count == 0)
        {
            var replicas = Math.Abs(1.0 - ratio) <= Tolerance ? currentReplicas : (long)Math.Ceiling(ratio * readyCount);
            return new MetricProposal(replicas, metricName, status);
        }

        foreach (var pod in missing)
        {
            metrics[pod] = ratio < 1.0
                ? (requests is not null ? requests.GetValueOrDefault(pod) * Math.Max(100, utilizationTarget ?? 100) / 100 : TargetAverage(target, resource))
                : 0;
        }
        if (scaleUpWithUnready)
        {
            foreach (var pod in unready)
            {
                metrics[pod] = 0;
            }
        }
        var (newRatio, _, _) = Ratio(metrics, requests, utilizationTarget, target, resource);
        if (Math.Abs(1.0 - newRatio) <= Tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return new MetricProposal(currentReplicas, metricName, status);
        }
        var proposed = (long)Math.Ceiling(newRatio * metrics.Count);
        if ((newRatio < 1.0 && proposed > currentReplicas) || (newRatio > 1.0 && proposed < currentReplicas))
        {
            proposed = currentReplicas;
        }
        return new MetricProposal(proposed, metricName, status);
    }

    private static (double Ratio, long? Utilization, long Average) Ratio(Dictionary<string, long> metrics, Dictionary<string, long>? requests,
        long? utilizationTarget, JsonNode? target, UsageResource resource)
    {
        var average = metrics.Values.Sum() / Math.Max(1, metrics.Count);
        if (requests is null || utilizationTarget is null)
        {
            var targetAverage = TargetAverage(target, resource);
            return (targetAverage > 0 ? (double)average / targetAverage : 0, null, average);
        }
        long used = 0, requested = 0;
        foreach (var (pod, value) in metrics)
        {
            if (requests.TryGetValue(pod, out var request))
            {
                used += value;
                requested += request;
            }
        }
        var utilization = requested > 0 ? used * 100 / requested : 0;
        return (utilizationTarget > 0 ? (double)utilization / utilizationTarget.Value : 0, utilization, average);
    }

    /// <summary>Each pod's summed request, or the controller's error for the first container without one.</summary>
    private static Dictionary<string, long>? Requests(IReadOnlyList<StoredObject> pods, string name, UsageResource resource, out string? error)
    {
        error = null;
        var requests = new Dictionary<string, long>();
        foreach (var pod in pods)
        {
            long sum = 0;
            foreach (var container in (pod.Parse().At("spec.containers") as JsonArray ?? []).OfType<JsonObject>())
            {
                if (container.StrAt($"resources.requests.{name}") is not { } request)
                {
                    error = $"missing request for {name} in container {container.Str("name")} of Pod {pod.Name}";
                    return null;
                }
                sum += Milli(resource == UsageResource.Cpu ? Quantity.MilliCpu(request) : Quantity.Bytes(request), resource);
            }
            requests[pod.Name] = sum;
        }
        return requests;
    }

    private static long TargetAverage(JsonNode? target, UsageResource resource) =>
        Milli(resource == UsageResource.Cpu ? Quantity.MilliCpu(target.StrAt("averageValue")) : Quantity.Bytes(target.StrAt("averageValue")), resource);

    /// <summary>The model counts CPU in millicores and memory in bytes; the controller counts both in thousandths.</summary>
    private static long Milli(long value, UsageResource resource) => resource == UsageResource.Cpu ? value : value * 1000;

    private static string Format(long milli) => new Quantity(milli / 1000m, false).ToString();
}
