using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// A pod's init containers run one after the other before its containers start, each to completion (a second),
/// retried on failure unless the pod's restartPolicy is Never; the containers wait in <c>PodInitializing</c> meanwhile.
/// </summary>
public static class InitContainers
{
    public static InitProgress Step(ContainerRuntime runtime, ContainerContext pod, JsonObject obj, JsonObject status, List<PodEvent> events)
    {
        var specs = (obj.At("spec.initContainers") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (specs.Count == 0)
        {
            return new InitProgress(true, false, []);
        }
        var previous = (status["initContainerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(c => c.Str("name") ?? "", StringComparer.Ordinal);
        var context = pod with
        {
            RunsToCompletion = true,
            RestartPolicy = pod.RestartPolicy == "Never" ? "Never" : "OnFailure",
            Behaviour = new PodBehaviour(null, null, false, false, pod.Behaviour.ImagePullFails, null),
        };
        var next = new List<JsonObject>();
        var incomplete = new List<string>();
        var failed = false;
        foreach (var spec in specs)
        {
            var name = spec.Str("name") ?? "";
            var current = previous.GetValueOrDefault(name);
            var step = incomplete.Count > 0 ? current ?? Waiting(spec) : Completed(current) ? current! : runtime.Step(context, spec, current, events);
            next.Add(step);
            if (!Completed(step))
            {
                incomplete.Add(name);
                failed |= context.RestartPolicy == "Never" && step.At("state.terminated") is not null;
            }
        }
        status["initContainerStatuses"] = new JsonArray(next.Select(c => (JsonNode)c.DeepClone()).ToArray());
        return new InitProgress(incomplete.Count == 0, failed, incomplete);
    }

    /// <summary>A container that waits for the init containers to finish.</summary>
    public static JsonObject Waiting(JsonObject spec)
    {
        var status = ContainerStatuses.Created(spec.Str("name") ?? "", spec.Str("image"));
        status["state"] = ContainerStatuses.Waiting("PodInitializing", null);
        return status;
    }

    private static bool Completed(JsonObject? status) => status?.At("state.terminated") is { } done && done.Long("exitCode") == 0;
}

/// <summary>How far a pod's init containers got.</summary>
public sealed record InitProgress(bool Done, bool Failed, IReadOnlyList<string> Incomplete);
