using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// One node agent's container runtime, played for every node of a cluster: pulls images (or fails to, with the
/// kubelet's back-off), starts containers, ends them as their faults say (crash, OOM kill, failed liveness probe, a
/// job's exit), restarts them under the pod's restartPolicy with exponential back-off (<c>CrashLoopBackOff</c>) and
/// reports readiness from the readiness probe. Each step takes a container's status and returns the next one.
/// </summary>
public sealed class ContainerRuntime(IMemoryPressure? memory = null)
{
    /// <summary>How long a job's container runs before it exits.</summary>
    public static readonly TimeSpan JobRunTime = TimeSpan.FromSeconds(1);

    private const int ForgetAbove = 20_000;

    private readonly Dictionary<string, DateTime> startedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> finishedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Attempts, DateTime Last)> pulls = new(StringComparer.Ordinal);
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private readonly HashSet<string> presentImages = new(StringComparer.Ordinal);

    public JsonObject Step(ContainerContext context, JsonObject spec, JsonObject? current, List<PodEvent> events)
    {
        Forget();
        var status = (JsonObject?)current?.DeepClone() ?? ContainerStatuses.Created(spec.Str("name") ?? "", spec.Str("image"));
        status["image"] = spec.Str("image");
        if (ContainerStatuses.IsRunning(status))
        {
            Run(context, spec, status, events);
        }
        else if (ContainerStatuses.IsTerminated(status))
        {
            AfterExit(context, spec, status, events);
        }
        else if (ContainerStatuses.WaitingReason(status) == "CrashLoopBackOff")
        {
            if (context.Now >= Finished(status["lastState"]?["terminated"]) + RestartBackoff.Delay(context.BackoffBase, ContainerStatuses.RestartCount(status)))
            {
                Restart(context, spec, status, events);
            }
        }
        else
        {
            PullAndStart(context, spec, status, events);
        }
        return status;
    }

    private void PullAndStart(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var image = spec.Str("image") ?? "";
        var key = $"{context.PodUid}/{spec.Str("name")}";
        var failure = context.Behaviour.ImagePullFails ? KnownImages.NotFound(image) : KnownImages.PullFailure(image);
        var policy = spec.Str("imagePullPolicy") ?? DefaultPullPolicy(image);
        if (policy == "Never" && failure is not null)
        {
            if (ContainerStatuses.WaitingReason(status) != "ErrImageNeverPull")
            {
                var message = $"Container image \"{image}\" is not present with pull policy of Never";
                status["state"] = ContainerStatuses.Waiting("ErrImageNeverPull", message);
                events.Add(new PodEvent("ErrImageNeverPull", message, Warning: true));
            }
            return;
        }
        if (failure is null)
        {
            if (Pull(context, image, policy, events))
            {
                pulls.Remove(key);
                Start(context, spec, status, events);
            }
            return;
        }
        var reason = ContainerStatuses.WaitingReason(status);
        var (attempts, last) = pulls.GetValueOrDefault(key);
        if (reason == "ErrImagePull" && context.Now >= last + context.BackoffBase / 10)
        {
            status["state"] = ContainerStatuses.Waiting("ImagePullBackOff", $"Back-off pulling image \"{image}\"");
            events.Add(new PodEvent("BackOff", $"Back-off pulling image \"{image}\""));
            events.Add(new PodEvent("Failed", "Error: ImagePullBackOff", Warning: true));
        }
        else if (reason != "ErrImagePull" && (attempts == 0 || context.Now >= last + RestartBackoff.Delay(context.BackoffBase, attempts)))
        {
            pulls[key] = (attempts + 1, context.Now);
            var error = $"rpc error: code = NotFound desc = {failure}";
            status["state"] = ContainerStatuses.Waiting("ErrImagePull", error);
            events.Add(new PodEvent("Pulling", $"Pulling image \"{image}\""));
            events.Add(new PodEvent("Failed", $"Failed to pull image \"{image}\": {error}", Warning: true));
            events.Add(new PodEvent("Failed", "Error: ErrImagePull", Warning: true));
        }
    }

    /// <summary>Pulls the image as the pull policy says; false when the pull is still to happen.</summary>
    private bool Pull(ContainerContext context, string image, string policy, List<PodEvent> events)
    {
        var present = presentImages.Contains($"{context.NodeName}|{image}");
        if (policy == "Never" || (policy == "IfNotPresent" && present))
        {
            events.Add(new PodEvent("Pulled", $"Container image \"{image}\" already present on machine"));
            return true;
        }
        presentImages.Add($"{context.NodeName}|{image}");
        var size = 20_000_000 + (Math.Abs(image.GetHashCode(StringComparison.Ordinal)) % 80_000_000);
        events.Add(new PodEvent("Pulling", $"Pulling image \"{image}\""));
        events.Add(new PodEvent("Pulled", $"Successfully pulled image \"{image}\" in 1.2s (1.2s including waiting). Image size: {size} bytes."));
        return true;
    }

    private void Start(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var name = spec.Str("name");
        var id = $"containerd://{Guid.NewGuid():N}";
        startedAt[id] = context.Now;
        status["containerID"] = id;
        status["imageID"] = $"{ImageReference.Parse(spec.Str("image") ?? "").Name}@sha256:{Simulation.WorkloadMath.TemplateHash(spec)}";
        status["state"] = ContainerStatuses.Running(context.Now);
        status["started"] = true;
        status["ready"] = Ready(context, spec, status, events);
        events.Add(new PodEvent("Created", $"Created container: {name}"));
        events.Add(new PodEvent("Started", $"Started container {name}"));
    }

    private void Run(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var id = status.Str("containerID") ?? "";
        var started = startedAt.TryGetValue(id, out var known) ? known : ContainerStatuses.Instant(status.At("state.running").Str("startedAt")) ?? context.Now;
        var behaviour = context.Behaviour;
        var exits = new List<(DateTime At, int Code, string Reason, PodEvent[] Events)>();
        if (behaviour.CrashAfter is { } crash)
        {
            var code = behaviour.ExitCode is { } c and not 0 ? c : 1;
            exits.Add((started + crash, code, "Error", []));
        }
        if (behaviour.OomAfter is { } oom)
        {
            exits.Add((started + oom, 137, "OOMKilled", []));
        }
        if (memory?.OverLimit(context.Namespace, context.PodName, spec.Str("name") ?? "", context.Now) == true)
        {
            exits.Add((context.Now, 137, "OOMKilled", []));
        }
        if (behaviour.CrashAfter is null && (context.RunsToCompletion || behaviour.ExitCode is not null))
        {
            var code = behaviour.ExitCode ?? 0;
            exits.Add((started + JobRunTime, code, code == 0 ? "Completed" : "Error", []));
        }
        if (behaviour.LivenessFails)
        {
            var probe = spec["livenessProbe"];
            var timing = ProbeTiming.Of(probe, context.ProbeTimeScale);
            exits.Add((started + timing.UntilFailed, 137, "Error",
            [
                new PodEvent("Unhealthy", $"Liveness probe failed: {ProbeTiming.Failure(probe)}", Warning: true),
                new PodEvent("Killing", $"Container {spec.Str("name")} failed liveness probe, will be restarted"),
            ]));
        }
        var due = exits.Where(e => e.At <= context.Now).OrderBy(e => e.At).FirstOrDefault();
        if (due.Reason is null)
        {
            status["ready"] = Ready(context, spec, status, events);
            return;
        }
        events.AddRange(due.Events);
        finishedAt[id] = due.At;
        status["state"] = ContainerStatuses.Terminated(due.Code, due.Reason, status.At("state.running").Str("startedAt"), due.At, id);
        status["ready"] = false;
        status["started"] = false;
    }

    private void AfterExit(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var terminated = status.At("state.terminated");
        var exitCode = (int)(terminated.Long("exitCode") ?? 0);
        var restarts = context.RestartPolicy == "Always" || (context.RestartPolicy == "OnFailure" && exitCode != 0);
        if (!restarts)
        {
            return;
        }
        var count = ContainerStatuses.RestartCount(status);
        if (count == 0 || context.Now >= Finished(terminated) + RestartBackoff.Delay(context.BackoffBase, count))
        {
            Restart(context, spec, status, events);
            return;
        }
        status["lastState"] = new JsonObject { ["terminated"] = terminated!.DeepClone() };
        var delay = RestartBackoff.Format(RestartBackoff.Delay(context.BackoffBase, count));
        status["state"] = ContainerStatuses.Waiting("CrashLoopBackOff",
            $"back-off {delay} restarting failed container={spec.Str("name")} pod={context.PodIdentity}");
        events.Add(new PodEvent("BackOff", $"Back-off restarting failed container {spec.Str("name")} in pod {context.PodIdentity}", Warning: true));
    }

    private void Restart(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var terminated = status.At("state.terminated") ?? status.At("lastState.terminated");
        status["lastState"] = new JsonObject { ["terminated"] = terminated?.DeepClone() };
        status["restartCount"] = ContainerStatuses.RestartCount(status) + 1;
        var image = spec.Str("image") ?? "";
        Pull(context, image, spec.Str("imagePullPolicy") ?? DefaultPullPolicy(image), events);
        Start(context, spec, status, events);
    }

    private bool Ready(ContainerContext context, JsonObject spec, JsonObject status, List<PodEvent> events)
    {
        var probe = spec["readinessProbe"];
        var id = status.Str("containerID") ?? "";
        var started = startedAt.TryGetValue(id, out var known) ? known : context.Now;
        if (context.Behaviour.ReadinessFails)
        {
            var timing = ProbeTiming.Of(probe, context.ProbeTimeScale);
            if (context.Now >= started + timing.InitialDelay && reported.Add(id + "/readiness"))
            {
                events.Add(new PodEvent("Unhealthy", $"Readiness probe failed: {ProbeTiming.Failure(probe)}", Warning: true));
            }
            return false;
        }
        return probe is null || context.Now >= started + ProbeTiming.Of(probe, context.ProbeTimeScale).InitialDelay;
    }

    private DateTime Finished(JsonNode? terminated)
    {
        var id = terminated.Str("containerID") ?? "";
        return finishedAt.TryGetValue(id, out var known) ? known : ContainerStatuses.Instant(terminated.Str("finishedAt")) ?? DateTime.MinValue;
    }

    /// <summary>The API server's default: <c>Always</c> for <c>:latest</c> or no tag, else <c>IfNotPresent</c>.</summary>
    public static string DefaultPullPolicy(string image)
    {
        var reference = ImageReference.Parse(image);
        return reference.Digest is null && (reference.Tag is null or "latest") ? "Always" : "IfNotPresent";
    }

    private void Forget()
    {
        if (startedAt.Count + finishedAt.Count + reported.Count + pulls.Count > ForgetAbove)
        {
            startedAt.Clear();
            finishedAt.Clear();
            reported.Clear();
            pulls.Clear();
        }
    }
}
