using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Dce.ServiceDefaults.Health;

/// <summary>
/// <c>/health</c> answers healthy (every dependency checked); <c>/ready</c> answers whether this replica takes traffic
/// (started and not stopping: what balancers probe, since a dependency down is down for every replica alike);
/// <c>/alive</c> answers live (the process itself).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks that decide liveness.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks that decide whether a balancer sends this replica traffic.</summary>
    public const string ServingTag = "serving";

    /// <summary>Path of the health probe (dependencies included).</summary>
    public const string ReadyPath = "/health";

    /// <summary>Path of the balancers' probe: this replica takes traffic.</summary>
    public const string ServingPath = "/ready";

    /// <summary>Path of the liveness probe.</summary>
    public const string LivePath = "/alive";

    /// <summary>Registers the liveness check; client integrations add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag, ServingTag]);
        return builder;
    }

    /// <summary>Maps both probes, anonymous and in every environment.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { ResponseWriter = WriteStatus })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(ServingPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ServingTag),
            ResponseWriter = WriteStatus,
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteStatus,
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString() }),
        });
}
