using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting;

/// <summary>RabbitMQ for the graph: the official image, the OS packages, or an existing broker.</summary>
public static class RabbitMqHosting
{
    /// <summary>Adds the platform's RabbitMQ in the mode <see cref="MiddlewareModeSelector"/> chooses.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDceRabbitMq(this IDistributedApplicationBuilder builder, string name)
    {
        switch (MiddlewareModeSelector.Select(builder, name))
        {
            case MiddlewareMode.Container:
                var container = builder.AddRabbitMQ(name).WithDataVolume().WithEnvironment(LocalServerExtensions.ModeVariable, "container");
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(container.Resource);
            case MiddlewareMode.External:
                return builder.AddConnectionString(name);
            default:
                var nodeName = $"dce-{name}@localhost";
                var ports = RabbitMqPorts.Free();
                var recipe = new RabbitMqServerRecipe(StateFolder.ForServer(builder, name), ports, nodeName);
                builder.Services.AddHostedService(_ => new EpmdShutdown(ports.Epmd));
                var healthKey = $"{name}-ready";
                builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                    healthKey, _ => new RabbitMqHealthCheck(recipe.ConnectionString), failureStatus: null, tags: null));
                var server = builder.AddLocalServer(name, recipe.Prepare(), recipe.ConnectionString, recipe.Port, healthKey);
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(server.Resource);
        }
    }
}
