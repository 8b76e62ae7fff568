using Dce.ServiceDefaults.Api;
using Dce.ServiceDefaults.Health;
using Dce.ServiceDefaults.Http;
using Dce.ServiceDefaults.Shutdown;
using Dce.ServiceDefaults.Telemetry;
using Dce.ServiceDefaults.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.ServiceDefaults;

/// <summary>What every Dce service gets with one call: telemetry, health, discovery, resilience and API conventions, and a drain before stopping.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds OpenTelemetry, health checks, service discovery, resilient HttpClients, ProblemDetails, JSON conventions, OpenAPI, the forwarded-headers trust and the shutdown drain.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureDceTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddShutdownDrain();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddApiConventions();
        builder.AddForwardedHeadersTrust();
        return builder;
    }

    /// <summary>Maps <c>/health</c> (ready), <c>/alive</c> (live), <c>/version</c> (the build) and the OpenAPI document.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapOpenApiDocument();
        app.MapHealthEndpoints();
        app.MapVersionEndpoint();
        return app;
    }
}
