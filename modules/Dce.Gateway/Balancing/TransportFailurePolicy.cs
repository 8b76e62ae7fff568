using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Dce.Gateway.Balancing;

/// <summary>
/// Passive health: the first request a replica fails at the transport level (refused, reset, no answer) takes it out
/// for the cluster's reactivation period. YARP's own policy waits for a failure rate over many requests, during which a
/// dead replica keeps being picked.
/// </summary>
internal sealed class TransportFailurePolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "TransportFailure";

    private static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(5);

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (ForwardingFailures.Of(context) is not (ForwardingFailure.Undelivered or ForwardingFailure.Unanswered))
        {
            return;
        }

        var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivationPeriod;
        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
    }
}
