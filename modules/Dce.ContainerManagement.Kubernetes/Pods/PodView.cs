using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// A pod as DCE shows it: the object with the figures DCE's pod status carries computed from it — containers ready of
/// total, restarts, the workload that owns it, a status word like <c>kubectl get pods</c> prints, each container's
/// phase, and the CPU (millicores) and memory (bytes) its containers request and are limited to.
/// </summary>
public static class PodView
{
    private static readonly HashSet<string> ErrorWords = new(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "Error", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError",
        "OOMKilled", "ContainerCannotRun", "RunContainerError",
    };

    public static JsonObject Describe(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod["status"] is not JsonObject status)
        {
            pod["status"] = status = [];
        }

        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        var statuses = status["containerStatuses"] as JsonArray ?? [];
        foreach (var containerStatus in statuses.Concat(status["initContainerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            containerStatus["phase"] = ContainerPhase(containerStatus);
        }

        status["containerTotalCount"] = containers.Count;
        status["containerReadyCount"] = statuses.Count(s => s?["ready"]?.GetValueKind() == System.Text.Json.JsonValueKind.True);
        status["restartCount"] = statuses.Sum(s => s?["restartCount"]?.GetValue<int>() ?? 0);
        status["podStatus"] = StatusWord(pod);
        status["podFilterStatus"] = FilterStatus(pod);
        if (OwnedBy(pod) is { } owner)
        {
            status["ownedBy"] = owner;
        }

        status["cpuRequest"] = Sum(containers, "requests", "cpu", Quantity.MilliCpu);
        status["cpuLimit"] = Sum(containers, "limits", "cpu", Quantity.MilliCpu);
        status["memoryRequest"] = Sum(containers, "requests", "memory", Quantity.Bytes);
        status["memoryLimit"] = Sum(containers, "limits", "memory", Quantity.Bytes);
        return pod;
    }

    /// <summary>What <c>kubectl get pods</c> shows as STATUS: a waiting or terminated container's reason, else the phase.</summary>
    public static string StatusWord(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var statuses = pod["status"]?["containerStatuses"] as JsonArray ?? [];
        foreach (var state in statuses.Select(s => s?["state"]))
        {
            if (state?["waiting"]?["reason"]?.ToString() is { Length: > 0 } waiting)
            {
                return waiting;
            }

            if (state?["terminated"]?["reason"]?.ToString() is { Length: > 0 } terminated)
            {
                return terminated;
            }
        }

        return pod["status"]?["phase"]?.ToString() ?? "Unknown";
    }

    /// <summary>The status DCE filters pods by: RUNNING, ERROR, COMPLETED or WAITING.</summary>
    public static string FilterStatus(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var phase = pod["status"]?["phase"]?.ToString();
        var word = StatusWord(pod);
        var allReady = (pod["status"]?["containerStatuses"] as JsonArray ?? []) is { Count: > 0 } statuses
            && statuses.All(s => s?["ready"]?.GetValueKind() == System.Text.Json.JsonValueKind.True);
        return phase switch
        {
            "Succeeded" => "FILTER_POD_STATUS_COMPLETED",
            "Failed" => "FILTER_POD_STATUS_ERROR",
            _ when ErrorWords.Contains(word) => "FILTER_POD_STATUS_ERROR",
            "Running" when allReady => "FILTER_POD_STATUS_RUNNING",
            _ => "FILTER_POD_STATUS_WAITING",
        };
    }

    /// <summary>The workload owning the pod (a ReplicaSet of a Deployment counts as the Deployment), as DCE names its kind.</summary>
    public static JsonObject? OwnedBy(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var owner = (pod["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"]?.GetValueKind() == System.Text.Json.JsonValueKind.True);
        if (owner is null)
        {
            return null;
        }

        var (kind, name) = (owner["kind"]?.ToString() ?? "", owner["name"]?.ToString() ?? "");
        var hash = pod["metadata"]?["labels"]?["pod-template-hash"]?.ToString();
        if (kind == "ReplicaSet" && !string.IsNullOrEmpty(hash) && name.EndsWith($"-{hash}", StringComparison.Ordinal))
        {
            (kind, name) = ("Deployment", name[..^(hash.Length + 1)]);
        }

        return new JsonObject { ["kind"] = kind.ToUpperInvariant(), ["name"] = name };
    }

    /// <summary>The owning workload's kind (Deployment, StatefulSet, ...) and name, or null.</summary>
    public static (string Kind, string Name)? Workload(JsonObject pod) =>
        OwnedBy(pod) is { } owner ? (owner["kind"]!.ToString(), owner["name"]!.ToString()) : null;

    /// <summary>
    /// The pod's containers as DCE lists them, init containers first: each one's status (with its phase) once the pod
    /// has one, else its name and image, waiting.
    /// </summary>
    public static IReadOnlyList<JsonObject> Containers(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = (pod["status"]?["initContainerStatuses"] as JsonArray ?? []).Concat(pod["status"]?["containerStatuses"] as JsonArray ?? [])
            .OfType<JsonObject>().ToDictionary(s => s["name"]?.ToString() ?? "", StringComparer.Ordinal);
        var declared = (pod["spec"]?["initContainers"] as JsonArray ?? []).Concat(pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();
        return [.. declared.Select(c => statuses.TryGetValue(c["name"]?.ToString() ?? "", out var status)
            ? (JsonObject)status.DeepClone()
            : new JsonObject { ["name"] = c["name"]?.DeepClone(), ["image"] = c["image"]?.DeepClone(), ["ready"] = false, ["phase"] = "Waiting" })];
    }

    private static string ContainerPhase(JsonObject containerStatus) => containerStatus["state"] switch
    {
        JsonObject state when state["running"] is not null => "Running",
        JsonObject state when state["terminated"] is not null => "Terminated",
        _ => "Waiting",
    };

    private static long Sum(JsonArray containers, string bound, string resource, Func<string?, long> parse) =>
        containers.Sum(c => c?["resources"]?[bound]?[resource] is { } value ? parse(value.ToString()) : 0);
}
