using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>A container probe's timings (Kubernetes defaults filled in), scaled by <c>KubeSim:ProbeTimeScale</c>.</summary>
public sealed record ProbeTiming(TimeSpan InitialDelay, TimeSpan Period, int FailureThreshold)
{
    public static ProbeTiming Of(JsonNode? probe, double scale) => new(
        Scaled(probe.Long("initialDelaySeconds") ?? 0, scale),
        Scaled(probe.Long("periodSeconds") ?? 10, scale),
        (int)Math.Max(1, probe.Long("failureThreshold") ?? 3));

    /// <summary>When a probe failing from the start has failed <see cref="FailureThreshold"/> times in a row.</summary>
    public TimeSpan UntilFailed => InitialDelay + Period * FailureThreshold;

    /// <summary>What the kubelet says of a failed probe of this kind.</summary>
    public static string Failure(JsonNode? probe) => probe switch
    {
        _ when probe?["httpGet"] is not null => "HTTP probe failed with statuscode: 503",
        _ when probe?["tcpSocket"] is { } tcp => $"dial tcp {tcp.Str("host") ?? "10.244.0.1"}:{tcp["port"]}: connect: connection refused",
        _ when probe?["grpc"] is not null => "timeout: failed to connect service within 1s",
        _ when probe?["exec"] is not null => "command failed: exit status 1",
        _ => "HTTP probe failed with statuscode: 503",
    };

    private static TimeSpan Scaled(long seconds, double scale) => TimeSpan.FromSeconds(seconds * scale);
}
