using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Kubernetes.Printing;

/// <summary>The STATUS and RESTARTS cells of <c>kubectl get pods</c>, worked out as the API server's printer does.</summary>
public static class PodColumns
{
    public static string Status(JsonObject pod)
    {
        var reason = pod.StrAt("status.reason") ?? pod.StrAt("status.phase") ?? "Pending";
        var initializing = Initializing(pod);
        reason = initializing ?? reason;
        var hasRunning = false;
        foreach (var container in initializing is null ? Containers(pod).Reverse() : [])
        {
            var waiting = container.At("state.waiting").Str("reason");
            var terminated = container.At("state.terminated");
            if (!string.IsNullOrEmpty(waiting))
            {
                reason = waiting;
            }
            else if (terminated is not null)
            {
                reason = terminated.Str("reason") is { Length: > 0 } why ? why
                    : terminated.Long("signal") is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.Long("exitCode") ?? 0}";
            }
            else if (container["ready"]?.GetValue<bool>() == true && container.At("state.running") is not null)
            {
                hasRunning = true;
            }
        }
        if (reason == "Completed" && hasRunning)
        {
            var ready = (pod.At("status.conditions") as JsonArray)?.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;
            reason = ready ? "Running" : "NotReady";
        }
        if (pod.StrAt("metadata.deletionTimestamp") is not null)
        {
            reason = pod.StrAt("status.reason") == "NodeLost" ? "Unknown" : "Terminating";
        }
        return reason;
    }

    /// <summary>The status while an init container has not completed: <c>Init:1/2</c>, <c>Init:CrashLoopBackOff</c>, <c>Init:Error</c>.</summary>
    private static string? Initializing(JsonObject pod)
    {
        var statuses = (pod.At("status.initContainerStatuses") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var total = (pod.At("spec.initContainers") as JsonArray)?.Count ?? 0;
        for (var i = 0; i < statuses.Count; i++)
        {
            var terminated = statuses[i].At("state.terminated");
            var waiting = statuses[i].At("state.waiting").Str("reason");
            if (terminated is not null && terminated.Long("exitCode") == 0)
            {
                continue;
            }
            return terminated is not null
                ? "Init:" + (terminated.Str("reason") is { Length: > 0 } why ? why : $"ExitCode:{terminated.Long("exitCode") ?? 0}")
                : waiting is { Length: > 0 } and not "PodInitializing" ? "Init:" + waiting : $"Init:{i}/{total}";
        }
        return null;
    }

    public static string Restarts(JsonObject pod)
    {
        var restarts = 0L;
        DateTime? lastRestart = null;
        foreach (var container in AllContainers(pod))
        {
            restarts += container.Long("restartCount") ?? 0;
            if (DateTime.TryParse(container.At("lastState.terminated").Str("finishedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var finished)
                && (lastRestart is null || finished > lastRestart))
            {
                lastRestart = finished;
            }
        }
        return lastRestart is { } at && restarts > 0 ? $"{restarts} ({ShortAge(DateTime.UtcNow - at)} ago)" : restarts.ToString(CultureInfo.InvariantCulture);
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod.At("status.containerStatuses") as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<JsonObject> AllContainers(JsonObject pod) =>
        (pod.At("status.initContainerStatuses") as JsonArray ?? []).OfType<JsonObject>().Concat(Containers(pod));

    private static string ShortAge(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays}d" : age.TotalHours >= 2 ? $"{(int)age.TotalHours}h"
        : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes}m" : $"{Math.Max(0, (int)age.TotalSeconds)}s";
}
