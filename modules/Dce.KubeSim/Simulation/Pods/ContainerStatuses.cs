using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>The JSON shapes of a container status and its states, as the kubelet reports them.</summary>
public static class ContainerStatuses
{
    public static JsonObject Created(string name, string? image) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imageID"] = "",
        ["ready"] = false,
        ["started"] = false,
        ["restartCount"] = 0,
        ["state"] = Waiting("ContainerCreating", null),
    };

    public static JsonObject Waiting(string reason, string? message) =>
        new() { ["waiting"] = message is null ? new JsonObject { ["reason"] = reason } : new JsonObject { ["reason"] = reason, ["message"] = message } };

    public static JsonObject Running(DateTime startedAt) => new() { ["running"] = new JsonObject { ["startedAt"] = Stamp(startedAt) } };

    public static JsonObject Terminated(int exitCode, string reason, string? startedAt, DateTime finishedAt, string? containerId) => new()
    {
        ["terminated"] = new JsonObject
        {
            ["exitCode"] = exitCode, ["reason"] = reason, ["startedAt"] = startedAt, ["finishedAt"] = Stamp(finishedAt), ["containerID"] = containerId,
        },
    };

    public static string? WaitingReason(JsonObject status) => status.At("state.waiting").Str("reason");

    public static bool IsRunning(JsonObject status) => status.At("state.running") is not null;

    public static bool IsTerminated(JsonObject status) => status.At("state.terminated") is not null;

    public static bool HasTerminatedBefore(JsonObject status) => status.At("lastState.terminated") is not null;

    public static int RestartCount(JsonObject status) => (int)(status.Long("restartCount") ?? 0);

    public static string Stamp(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime? Instant(string? stamp) =>
        DateTime.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant) ? instant : null;
}
