using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>The gateway: the platform's single entry, routing each module's API groups to it.</summary>
public static class GatewayHosting
{
    /// <summary>
    /// Adds the gateway. Its routes are read from the graph when it starts: every module with a
    /// <see cref="GatewayRoutesAnnotation"/> contributes <c>Gateway:Routes</c> entries and the address of each of its replicas.
    /// </summary>
    public static ModuleReplicas AddGateway(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddReplicated<Projects.Dce_Gateway>(name).Each(gateway => gateway
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithEnvironment(context =>
            {
                var index = 0;
                foreach (var module in builder.Resources.OfType<ProjectResource>())
                {
                    if (!module.TryGetLastAnnotation<GatewayRoutesAnnotation>(out var routes)
                        || !module.TryGetLastAnnotation<ReplicaSetAnnotation>(out var set) || set.Primary != module)
                    {
                        continue;
                    }

                    AddDestinations(context, set);
                    foreach (var (pathPrefix, anonymous, affinity) in routes.Routes)
                    {
                        var route = $"Gateway__Routes__{index++}__";
                        context.EnvironmentVariables[route + "PathPrefix"] = pathPrefix;
                        context.EnvironmentVariables[route + "Service"] = set.Module;
                        context.EnvironmentVariables[route + "Anonymous"] = anonymous ? "true" : "false";
                        if (affinity)
                        {
                            context.EnvironmentVariables[route + "Affinity"] = "true";
                        }
                    }
                }
            }));

    // Every replica and the surge slot of a replicated module: a stopped one refuses and its health check keeps it out.
    private static void AddDestinations(EnvironmentCallbackContext context, ReplicaSetAnnotation set)
    {
        if (set.IsSingle)
        {
            context.EnvironmentVariables[$"services__{set.Module}__http__0"] = set.Primary.GetEndpoint("http");
            return;
        }

        var index = 0;
        foreach (var address in set.Addresses(withSurge: true))
        {
            context.EnvironmentVariables[$"services__{set.Module}__http__{index++}"] = address;
        }
    }
}
