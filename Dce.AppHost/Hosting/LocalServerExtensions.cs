using Dce.LocalServers;

namespace Dce.AppHost.Hosting;

/// <summary>Adds a server described by a <see cref="ServerLaunch"/> as an executable resource of the graph.</summary>
internal static class LocalServerExtensions
{
    public const string ModeVariable = "DCE_MIDDLEWARE_MODE";

    public static IResourceBuilder<LocalServerResource> AddLocalServer(
        this IDistributedApplicationBuilder builder, string name, ServerLaunch launch, string connectionString, int port, string healthCheckKey)
    {
        var resource = new LocalServerResource(name, launch.Command, launch.WorkingDirectory, connectionString);
        var server = builder.AddResource(resource)
            .WithArgs([.. launch.Arguments])
            .WithEndpoint(name: "tcp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithEnvironment(ModeVariable, nameof(MiddlewareMode.Process).ToLowerInvariant())
            .WithHealthCheck(healthCheckKey);
        foreach (var (key, value) in launch.Environment)
        {
            server.WithEnvironment(key, value);
        }

        return server;
    }
}
