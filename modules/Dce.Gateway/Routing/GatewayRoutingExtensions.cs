using Microsoft.AspNetCore.HttpOverrides;
using Yarp.ReverseProxy.Configuration;

namespace Dce.Gateway.Routing;

/// <summary>Builds the proxy's routes from <c>Gateway:Routes:&lt;api group&gt; = &lt;service&gt;</c>, which the AppHost derives from the graph.</summary>
public static class GatewayRoutingExtensions
{
    /// <summary>Configuration section holding one entry per API group.</summary>
    public const string RoutesSection = "Gateway:Routes";

    /// <summary>Registers YARP with routes read from configuration and destinations resolved by service discovery.</summary>
    public static WebApplicationBuilder AddGatewayRouting(this WebApplicationBuilder builder)
    {
        var routes = ReadRoutes(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes.Select(ToRouteConfig).ToList(), routes.Select(r => r.Service).Distinct().Select(ToClusterConfig).ToList())
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });
        return builder;
    }

    /// <summary>The routes configured under <see cref="RoutesSection"/>.</summary>
    public static IReadOnlyList<ModuleRoute> ReadRoutes(IConfiguration configuration) =>
        configuration.GetSection(RoutesSection).GetChildren()
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => new ModuleRoute(entry.Key, entry.Value!))
            .OrderBy(route => route.ApiGroup, StringComparer.Ordinal)
            .ToList();

    private static RouteConfig ToRouteConfig(ModuleRoute route) => new()
    {
        RouteId = route.ApiGroup,
        ClusterId = route.Service,
        Match = new RouteMatch { Path = route.PathPrefix + "/{**rest}" },
    };

    private static ClusterConfig ToClusterConfig(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
    };
}
