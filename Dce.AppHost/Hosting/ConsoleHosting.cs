using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>The web console: the gateway serves it at <c>/</c> (the APIs stay under <c>/apis/</c>), and it calls the APIs back through the gateway.</summary>
public static class ConsoleHosting
{
    /// <summary>
    /// Adds the console with Redis (sessions and its sealed key ring) and the gateway's replicas as the address of the
    /// platform's API. Its route needs no token (the console signs users in itself) and keeps a browser on one replica.
    /// </summary>
    public static ModuleReplicas AddConsole(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<IResourceWithConnectionString> redis, ModuleReplicas gateway, IResourceBuilder<ParameterResource> credentialKey) =>
        builder.AddModule<Projects.Dce_Console>(name).Each(replica => replica
            .WithGatewayRoute("/", anonymous: true, affinity: true)
            .Uses(redis)
            .WithReplicasOf(gateway)
            .WithClusterCredentialKey(credentialKey));
}
