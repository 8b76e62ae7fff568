using Dce.ServiceDefaults.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dce.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs for a Dce service, exported over OTLP when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>The activity source and meter every Dce building block reports under.</summary>
    public const string DceSourceName = "Dce";

    /// <summary>Configures logging, tracing and metrics; Npgsql, Redis and RabbitMQ instrumentation arrive with their client integrations.</summary>
    public static TBuilder ConfigureDceTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var version = BuildVersion.OfApplication(builder.Environment.ApplicationName);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddAttributes(
            [
                new("service.version", version.Full),
                new("vcs.ref.head.revision", version.Commit ?? ""),
            ]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(DceSourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, DceSourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => !IsProbe(context.Request.Path) && !context.Request.Path.StartsWithSegments(TraceCopy.ReceiverPath))
                .AddHttpClientInstrumentation()
                .AddTraceCopy(builder.Configuration));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
