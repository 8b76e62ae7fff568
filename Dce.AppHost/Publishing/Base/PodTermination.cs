using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// How a module's pod stops without failing a request. Deleting a pod takes it out of the Service's endpoints at once,
/// but kube-proxy and the ingress controller learn that a moment later; the preStop <c>sleep</c> (the kubelet's own
/// action, as the chiseled images have no <c>sleep</c> binary) keeps the pod serving through that moment. SIGTERM
/// arrives only after it, so the process's own drain delay is set to zero here: the two would only add up to a slower
/// stop. Kestrel then finishes the requests in flight, within the grace period.
/// </summary>
public static class PodTermination
{
    /// <summary>Seconds the pod keeps serving after it left the endpoints, before it is sent SIGTERM.</summary>
    public const int PreStopSleepSeconds = 5;

    /// <summary>Seconds the host may take to finish requests in flight after SIGTERM (the .NET host's default shutdown timeout).</summary>
    public const int InFlightSeconds = 30;

    /// <summary>The whole budget from deletion to SIGKILL: the preStop sleep, then the requests in flight, then a margin.</summary>
    public const int GracePeriodSeconds = PreStopSleepSeconds + InFlightSeconds + 5;

    /// <summary>The setting that makes the process answer /health 503 and keep serving this long after SIGTERM.</summary>
    public const string DrainDelaySetting = "Dce__Shutdown__DrainDelay";

    /// <summary>No drain in the process: the preStop sleep already did the waiting.</summary>
    public const string DrainDelay = "00:00:00";

    public static V1Lifecycle Lifecycle() => new()
    {
        PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = PreStopSleepSeconds } },
    };
}
