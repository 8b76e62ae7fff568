using Dce.ServiceDefaults.Health;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dce.ServiceDefaults.Shutdown;

/// <summary>Registers <see cref="ShutdownDrain"/>, its readiness check and the end of streams at drain.</summary>
public static class ShutdownDrainExtensions
{
    /// <summary>Adds the drain, configured from <c>Dce:Shutdown</c>; the host's shutdown timeout grows by the drain delay.</summary>
    public static TBuilder AddShutdownDrain<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ShutdownDrainOptions>().BindConfiguration(ShutdownDrainOptions.Section);
        builder.Services.AddOptions<HostOptions>().PostConfigure<IOptions<ShutdownDrainOptions>>((host, drain) =>
            host.ShutdownTimeout += drain.Value.DrainDelay);
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks().AddCheck<DrainHealthCheck>(DrainHealthCheck.Name, tags: [HealthEndpoints.ServingTag]);
        builder.Services.AddTransient<IStartupFilter, StreamsEndAtDrainStartupFilter>();
        return builder;
    }
}
