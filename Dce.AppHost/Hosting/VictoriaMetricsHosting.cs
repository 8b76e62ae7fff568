using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting;

/// <summary>VictoriaMetrics, Insight's metrics store: the official image, the OS packages, or an existing server.</summary>
public static class VictoriaMetricsHosting
{
    public const string Registry = "docker.io";
    public const string Image = "victoriametrics/victoria-metrics";
    public const string Tag = "v1.79.5";
    private const string DataPath = "/storage";

    /// <summary>Adds the metrics store in the mode <see cref="MiddlewareModeSelector"/> chooses.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDceVictoriaMetrics(this IDistributedApplicationBuilder builder, string name)
    {
        switch (MiddlewareModeSelector.Select(builder, name))
        {
            case MiddlewareMode.Container:
                var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
                var container = builder.AddResource(new VictoriaMetricsResource(name, password))
                    .WithImage(Image, Tag)
                    .WithImageRegistry(Registry)
                    .WithHttpEndpoint(targetPort: VictoriaMetricsResource.HttpPort, name: VictoriaMetricsResource.HttpEndpointName)
                    .WithVolume($"{name}-data", DataPath)
                    .WithArgs("-envflag.enable", $"-storageDataPath={DataPath}", $"-retentionPeriod={VictoriaMetricsServerRecipe.DefaultRetention}",
                        "-search.latencyOffset=0s", "-loggerLevel=WARN")
                    .WithEnvironment("httpAuth_username", VictoriaMetricsServerRecipe.User)
                    .WithEnvironment("httpAuth_password", ReferenceExpression.Create($"{password}"))
                    .WithEnvironment(LocalServerExtensions.ModeVariable, "container");
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(container.Resource);
            case MiddlewareMode.External:
                return builder.AddConnectionString(name);
            default:
                var recipe = new VictoriaMetricsServerRecipe(StateFolder.ForServer(builder, name), FreePort.Next());
                var healthKey = $"{name}-ready";
                builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                    healthKey, _ => new HttpHealthCheck(new Uri($"{recipe.Endpoint}/health")), failureStatus: null, tags: null));
                var server = builder.AddLocalServer(name, recipe.Prepare(), recipe.ConnectionString, recipe.Port, healthKey);
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(server.Resource);
        }
    }
}
