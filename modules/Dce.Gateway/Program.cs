using Dce.Gateway.AccessKeys;
using Dce.Gateway.RateLimiting;
using Dce.Gateway.Routing;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Authentication;

namespace Dce.Gateway;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddRedisClient(GatewayRedis.Name);
        builder.AddDceAuthentication();
        builder.AddAccessKeyExchange();
        builder.AddGatewayRouting();
        builder.AddSubjectRateLimiting();

        var app = builder.Build();
        // Unreachable middleware becomes 503 ProblemDetails here, ahead of the developer exception page.
        app.UseExceptionHandler();
        app.UseForwardedHeaders();
        app.UseRequestIds();
        app.UseAccessKeyExchange();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapGatewayProxy();
        app.Run();
    }
}
