using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Hosting;

/// <summary>Redis for the graph: the official image, the OS packages, or an existing server.</summary>
public static class RedisHosting
{
    /// <summary>Adds the platform's Redis in the mode <see cref="MiddlewareModeSelector"/> chooses.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDceRedis(this IDistributedApplicationBuilder builder, string name)
    {
        switch (MiddlewareModeSelector.Select(builder, name))
        {
            case MiddlewareMode.Container:
                var container = builder.AddRedis(name).WithDataVolume().WithMemoryCap(RedisMemoryCap.MaxMemory(builder.Configuration))
                    .WithEnvironment(LocalServerExtensions.ModeVariable, "container");
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(container.Resource);
            case MiddlewareMode.External:
                return builder.AddConnectionString(name);
            default:
                var recipe = new RedisServerRecipe(StateFolder.ForServer(builder, name), FreePort.Next(), RedisMemoryCap.MaxMemory(builder.Configuration));
                var healthKey = $"{name}-ready";
                builder.Services.AddHealthChecks().AddRedis(recipe.ConnectionString, name: healthKey);
                var server = builder.AddLocalServer(name, recipe.Prepare(), recipe.ConnectionString, recipe.Port, healthKey);
                return builder.CreateResourceBuilder<IResourceWithConnectionString>(server.Resource);
        }
    }
}
