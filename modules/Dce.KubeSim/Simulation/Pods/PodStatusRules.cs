using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>A pod's phase and conditions from its container statuses, as the kubelet derives them.</summary>
public static class PodStatusRules
{
    public static string Phase(IReadOnlyList<JsonObject> containers, string restartPolicy)
    {
        var waiting = containers.Count(c => ContainerStatuses.WaitingReason(c) is not null && !ContainerStatuses.HasTerminatedBefore(c));
        var running = containers.Count(ContainerStatuses.IsRunning);
        var terminated = containers.Where(ContainerStatuses.IsTerminated).ToList();
        var succeeded = terminated.Count(c => c.At("state.terminated").Long("exitCode") == 0);
        if (waiting > 0)
        {
            return "Pending";
        }
        if (running > 0 || terminated.Count < containers.Count)
        {
            return "Running";
        }
        return restartPolicy switch
        {
            "Always" => "Running",
            "OnFailure" => succeeded == terminated.Count ? "Succeeded" : "Running",
            _ => succeeded == terminated.Count ? "Succeeded" : "Failed",
        };
    }

    public static void SetConditions(JsonObject status, IReadOnlyList<JsonObject> containers, string phase, string stamp, IReadOnlyList<string> uninitialized)
    {
        foreach (var condition in new[] { "PodReadyToStartContainers", "PodScheduled" })
        {
            WorkloadMath.SetCondition(status, condition, "True", "", "", stamp, ConditionClock.NoProbe);
        }
        if (uninitialized.Count == 0)
        {
            WorkloadMath.SetCondition(status, "Initialized", "True", "", "", stamp, ConditionClock.NoProbe);
        }
        else
        {
            WorkloadMath.SetCondition(status, "Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', uninitialized)}]", stamp, ConditionClock.NoProbe);
        }
        var unready = containers.Where(c => c["ready"]?.GetValue<bool>() != true).Select(c => c.Str("name")).ToList();
        var (value, reason, message) = phase is "Succeeded" or "Failed" ? ("False", "PodCompleted", "")
            : unready.Count == 0 ? ("True", "", "")
            : ("False", "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
        WorkloadMath.SetCondition(status, "ContainersReady", value, reason, message, stamp, ConditionClock.NoProbe);
        WorkloadMath.SetCondition(status, "Ready", value, reason, message, stamp, ConditionClock.NoProbe);
    }
}
