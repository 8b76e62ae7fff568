using System.Globalization;
using Dce.Gateway.Balancing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Dce.Gateway.Routing;

/// <summary>
/// Gives YARP the routes read from configuration once at start; the graph does not change while the gateway runs.
/// Each module is one cluster whose single destination, <c>http://&lt;service&gt;</c>, service discovery expands into
/// one destination per replica address (<c>services:&lt;service&gt;:http:0</c>, <c>:1</c>...), balanced and health-checked.
/// </summary>
internal sealed class GatewayProxyConfigProvider(IConfiguration configuration, IOptions<BalancingSettings> balancing) : IProxyConfigProvider
{
    private const string AnonymousPolicy = "anonymous";

    private readonly Lazy<IProxyConfig> _config = new(() => Build(GatewayRoutingExtensions.ReadRoutes(configuration), balancing.Value));

    public IProxyConfig GetConfig() => _config.Value;

    private static StaticProxyConfig Build(IReadOnlyList<GatewayRoute> routes, BalancingSettings balancing) => new(
        routes.Select(ToRouteConfig).ToList(),
        routes.GroupBy(route => route.Service, StringComparer.Ordinal)
            .Select(service => ToClusterConfig(service.Key, service.Any(route => route.Affinity), balancing)).ToList());

    private static RouteConfig ToRouteConfig(GatewayRoute route, int index) => new()
    {
        RouteId = $"{index}:{route.PathPrefix}",
        ClusterId = route.Service,
        Match = new RouteMatch { Path = route.PathPrefix.TrimEnd('/') + "/{**rest}" },
        AuthorizationPolicy = route.Anonymous ? AnonymousPolicy : null,
        // The site's root (the console) answers only what no module's prefix claims.
        Order = route.PathPrefix == "/" ? int.MaxValue : null,
    };

    private static ClusterConfig ToClusterConfig(string service, bool affinity, BalancingSettings balancing) => new()
    {
        ClusterId = service,
        LoadBalancingPolicy = balancing.LoadBalancingPolicy,
        // Interactive pages keep a connection's state on one replica: later requests of the browser go back to it (a
        // hash of the replica, the same on every gateway replica), and to another only when it is gone.
        SessionAffinity = affinity
            ? new SessionAffinityConfig { Enabled = true, Policy = "HashCookie", FailurePolicy = "Redistribute", AffinityKeyName = $"dce-affinity-{service}" }
            : null,
        HealthCheck = new HealthCheckConfig
        {
            // Never "panic" into sending to replicas known to be down: no healthy replica is a 503 the caller can act on.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = balancing.HealthChecks.Interval,
                Timeout = balancing.HealthChecks.Timeout,
                Path = balancing.HealthChecks.Path,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = TransportFailurePolicy.PolicyName,
                ReactivationPeriod = balancing.HealthChecks.ReactivationPeriod,
            },
        },
        Metadata = new Dictionary<string, string>
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] =
                balancing.HealthChecks.FailuresBeforeUnhealthy.ToString(CultureInfo.InvariantCulture),
        },
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
    };

    private sealed class StaticProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
