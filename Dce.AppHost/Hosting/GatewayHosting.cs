namespace Dce.AppHost.Hosting;

/// <summary>The gateway: the platform's single entry, routing each module's API groups to it.</summary>
public static class GatewayHosting
{
    /// <summary>
    /// Adds the gateway. Its routes are read from the graph when it starts: every resource with an
    /// <see cref="ApiGroupsAnnotation"/> contributes <c>Gateway:Routes:&lt;group&gt;</c> and its service-discovery endpoint.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddProject<Projects.Dce_Gateway>(name)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithEnvironment(context =>
            {
                foreach (var module in builder.Resources.OfType<ProjectResource>())
                {
                    if (!module.TryGetLastAnnotation<ApiGroupsAnnotation>(out var groups))
                    {
                        continue;
                    }

                    context.EnvironmentVariables[$"services__{module.Name}__http__0"] = module.GetEndpoint("http");
                    foreach (var group in groups.Groups)
                    {
                        context.EnvironmentVariables[$"Gateway__Routes__{group}"] = module.Name;
                    }
                }
            });
}
