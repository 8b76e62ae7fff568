using Dce.LocalServers;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>The platform's public entry in the high-availability graph: haproxy before every gateway replica and the gateway's surge slot.</summary>
internal static class EntryHosting
{
    public static IResourceBuilder<ExecutableResource> AddEntry(this IDistributedApplicationBuilder builder, string name, ReplicaSetAnnotation gateways, int? port)
    {
        var backends = gateways.Members.Select(gateway => (gateway.Name, ReplicaSetAnnotation.FixedPort(gateway))).ToList();
        var recipe = new HaproxyServerRecipe(StateFolder.ForServer(builder, name), port ?? FreePort.Next(), backends);
        var launch = recipe.Prepare();
        var entry = builder.AddExecutable(name, launch.Command, launch.WorkingDirectory, [.. launch.Arguments])
            .WithHttpEndpoint(name: "http", port: recipe.Port, targetPort: recipe.Port, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health");
        foreach (var gateway in gateways.Members)
        {
            entry.WithRelationship(gateway, "Balances");
        }

        return entry;
    }
}
