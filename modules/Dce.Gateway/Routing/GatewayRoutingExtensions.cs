using Dce.Gateway.Balancing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Dce.Gateway.Routing;

/// <summary>
/// Builds the proxy from <c>Gateway:Routes</c> — a list of <see cref="GatewayRoute"/> the AppHost derives from the
/// graph (each module declares its API groups once) — with one destination per replica resolved by service discovery,
/// balanced by health (<c>Gateway:LoadBalancingPolicy</c>, <c>Gateway:HealthChecks</c>) and retried safely (<c>Gateway:Retries</c>).
/// </summary>
public static class GatewayRoutingExtensions
{
    /// <summary>Configuration section holding the routes.</summary>
    public const string RoutesSection = "Gateway:Routes";

    /// <summary>Configuration section of <see cref="BalancingSettings"/>.</summary>
    public const string BalancingSection = "Gateway";

    /// <summary>Registers YARP with the configured routes.</summary>
    public static WebApplicationBuilder AddGatewayRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BalancingSettings>().BindConfiguration(BalancingSection);
        builder.Services.AddSingleton<IProxyConfigProvider, GatewayProxyConfigProvider>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, TransportFailurePolicy>();
        builder.Services.AddReverseProxy().AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary>Maps the proxy: retries first, then YARP's session affinity, load balancing and passive health checks.</summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<RetryingForwarding>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });

        // Under /apis/ only modules answer: a path none of them claims is refused here (401 without a token, else 404),
        // never handed to the console at the site's root.
        app.Map("/apis/{**rest}", () => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such API",
            detail: "No module of the platform serves this path. Check the API group and version: each module publishes its paths in its OpenAPI document."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The routes configured under <see cref="RoutesSection"/>, failing on an incomplete entry.</summary>
    public static IReadOnlyList<GatewayRoute> ReadRoutes(IConfiguration configuration) =>
        configuration.GetSection(RoutesSection).GetChildren()
            .Select(entry => entry.Get<GatewayRoute>() is { PathPrefix.Length: > 0, Service.Length: > 0 } route
                ? route with { PathPrefix = "/" + route.PathPrefix.Trim('/') }
                : throw new InvalidOperationException($"{entry.Path} needs PathPrefix and Service."))
            .ToList();
}
