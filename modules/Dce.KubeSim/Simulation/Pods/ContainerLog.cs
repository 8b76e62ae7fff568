using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// The synthetic log of one container instance: start-up lines when it starts, a steady line every two seconds while it
/// runs, and last words when it ends (the error it crashed on, the signal that killed it, or a clean exit).
/// </summary>
public sealed record ContainerLog(string Pod, string Container, string Id, DateTime Started, DateTime? Finished, long ExitCode, string? Reason)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(2);

    private static readonly string[] Messages =
    [
        "GET /healthz 200 1ms", "processed batch of 64 items", "cache refreshed", "GET /api/v1/items 200 12ms",
        "connection pool: 8 active, 24 idle", "leader lease renewed", "POST /api/v1/orders 201 23ms", "gc pause 2ms",
    ];

    /// <summary>The instance running now, or the one that ended last while the next waits to start; null before the first start.</summary>
    public static ContainerLog? Current(JsonObject pod, string container) =>
        Status(pod, container) is { } status ? Of(pod, container, status["state"]) ?? Of(pod, container, status["lastState"]) : null;

    /// <summary>The instance before the current one, which <c>kubectl logs --previous</c> reads.</summary>
    public static ContainerLog? Previous(JsonObject pod, string container) =>
        Status(pod, container) is { } status ? Of(pod, container, status["lastState"]) : null;

    public static JsonObject? Status(JsonObject pod, string container) =>
        (pod.At("status.containerStatuses") as JsonArray ?? []).Concat(pod.At("status.initContainerStatuses") as JsonArray ?? [])
            .OfType<JsonObject>().FirstOrDefault(c => c.Str("name") == container);

    /// <summary>The lines written up to <paramref name="until"/>, with their instants.</summary>
    public IEnumerable<(DateTime At, string Text)> Lines(DateTime until)
    {
        var end = Finished is { } finished && finished < until ? finished : until;
        var prefix = $"{Container} [{Pod}]";
        yield return (Started, $"INFO {prefix} starting {Container}");
        yield return (Started, $"INFO {prefix} configuration loaded");
        yield return (Started, $"INFO {prefix} listening on :8080");
        for (var i = 1; Started + Spacing * i <= end; i++)
        {
            yield return (Started + Spacing * i, $"INFO {prefix} {Messages[(i + Pod.Length) % Messages.Length]}");
        }
        if (Finished is { } last && last <= until)
        {
            foreach (var text in LastWords(prefix))
            {
                yield return (last, text);
            }
        }
    }

    private IEnumerable<string> LastWords(string prefix) => Reason switch
    {
        "Completed" => [$"INFO {prefix} work done, exiting with code 0"],
        "OOMKilled" => [$"INFO {prefix} allocating buffers for batch of 4096 items"],
        _ when ExitCode == 137 => [$"INFO {prefix} received signal: killed"],
        _ => [$"ERROR {prefix} fatal: unhandled exception in worker loop", $"ERROR {prefix} exiting with code {ExitCode}"],
    };

    private static ContainerLog? Of(JsonObject pod, string container, JsonNode? state)
    {
        var name = pod.StrAt("metadata.name") ?? "";
        if (state?["running"] is { } running && Instant(running.Str("startedAt")) is { } started)
        {
            return new ContainerLog(name, container, Status(pod, container).Str("containerID") ?? "", started, null, 0, null);
        }
        if (state?["terminated"] is { } terminated && Instant(terminated.Str("startedAt")) is { } from)
        {
            return new ContainerLog(name, container, terminated.Str("containerID") ?? "", from, Instant(terminated.Str("finishedAt")) ?? from,
                terminated.Long("exitCode") ?? 0, terminated.Str("reason"));
        }
        return null;
    }

    private static DateTime? Instant(string? stamp) =>
        DateTime.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant) ? instant : null;
}
