using Yarp.ReverseProxy.Configuration;

namespace Dce.Gateway.Routing;

/// <summary>
/// Builds the proxy from <c>Gateway:Routes</c> — a list of <see cref="GatewayRoute"/> the AppHost derives from the
/// graph (each module declares its API groups once) — with destinations resolved by service discovery.
/// </summary>
public static class GatewayRoutingExtensions
{
    /// <summary>Configuration section holding the routes.</summary>
    public const string RoutesSection = "Gateway:Routes";

    /// <summary>Registers YARP with the configured routes.</summary>
    public static WebApplicationBuilder AddGatewayRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IProxyConfigProvider, GatewayProxyConfigProvider>();
        builder.Services.AddReverseProxy().AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary>The routes configured under <see cref="RoutesSection"/>, failing on an incomplete entry.</summary>
    public static IReadOnlyList<GatewayRoute> ReadRoutes(IConfiguration configuration) =>
        configuration.GetSection(RoutesSection).GetChildren()
            .Select(entry => entry.Get<GatewayRoute>() is { PathPrefix.Length: > 0, Service.Length: > 0 } route
                ? route with { PathPrefix = "/" + route.PathPrefix.Trim('/') }
                : throw new InvalidOperationException($"{entry.Path} needs PathPrefix and Service."))
            .ToList();
}
