using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Dce.Gateway.Routing;

/// <summary>Gives YARP the routes read from configuration once at start; the graph does not change while the gateway runs.</summary>
internal sealed class GatewayProxyConfigProvider(IConfiguration configuration) : IProxyConfigProvider
{
    private const string AnonymousPolicy = "anonymous";

    private readonly Lazy<IProxyConfig> _config = new(() => Build(GatewayRoutingExtensions.ReadRoutes(configuration)));

    public IProxyConfig GetConfig() => _config.Value;

    private static StaticProxyConfig Build(IReadOnlyList<GatewayRoute> routes) => new(
        routes.Select(ToRouteConfig).ToList(),
        routes.Select(route => route.Service).Distinct(StringComparer.Ordinal).Select(ToClusterConfig).ToList());

    private static RouteConfig ToRouteConfig(GatewayRoute route, int index) => new()
    {
        RouteId = $"{index}:{route.PathPrefix}",
        ClusterId = route.Service,
        Match = new RouteMatch { Path = route.PathPrefix + "/{**rest}" },
        AuthorizationPolicy = route.Anonymous ? AnonymousPolicy : null,
    };

    private static ClusterConfig ToClusterConfig(string service) => new()
    {
        ClusterId = service,
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
