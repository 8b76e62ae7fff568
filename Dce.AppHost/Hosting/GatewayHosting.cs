using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>The gateway: the platform's single entry, routing each module's API groups to it.</summary>
public static class GatewayHosting
{
    /// <summary>
    /// Adds the gateway. Its routes are read from the graph when it starts: every resource with a
    /// <see cref="GatewayRoutesAnnotation"/> contributes <c>Gateway:Routes</c> entries and its service-discovery endpoint.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddProject<Projects.Dce_Gateway>(name)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithAnnotation(new ModuleProjectAnnotation((b, replicaName, configure) => b.AddProject<Projects.Dce_Gateway>(replicaName, configure), IsGateway: true))
            .WithEnvironment(context =>
            {
                var index = 0;
                foreach (var module in builder.Resources.OfType<ProjectResource>())
                {
                    if (!module.TryGetLastAnnotation<GatewayRoutesAnnotation>(out var routes))
                    {
                        continue;
                    }

                    // Every replica and the surge slot of a replicated module; a stopped one just refuses.
                    if (module.TryGetLastAnnotation<ReplicaSetAnnotation>(out var set))
                    {
                        var replica = 0;
                        foreach (var address in set.Addresses)
                        {
                            context.EnvironmentVariables[$"services__{module.Name}__http__{replica++}"] = address;
                        }
                    }
                    else
                    {
                        context.EnvironmentVariables[$"services__{module.Name}__http__0"] = module.GetEndpoint("http");
                    }

                    foreach (var (pathPrefix, anonymous) in routes.Routes)
                    {
                        var route = $"Gateway__Routes__{index++}__";
                        context.EnvironmentVariables[route + "PathPrefix"] = pathPrefix;
                        context.EnvironmentVariables[route + "Service"] = module.Name;
                        context.EnvironmentVariables[route + "Anonymous"] = anonymous ? "true" : "false";
                    }
                }
            });
}
