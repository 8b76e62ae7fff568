using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Cluster Search (clusterpedia): every object of every joined cluster, synced into PostgreSQL and searched from there.</summary>
public static class ClusterSearchHosting
{
    /// <summary>
    /// Adds Cluster Search with its database, Redis, the event bus (it follows the clusters Container Management
    /// announces) and Global Management (identity and workspace scope).
    /// </summary>
    public static ModuleReplicas AddClusterSearch(
        this IDistributedApplicationBuilder builder, string name, DcePostgres postgres,
        IResourceBuilder<IResourceWithConnectionString> redis, IResourceBuilder<IResourceWithConnectionString> messaging,
        ModuleReplicas globalManagement, IResourceBuilder<ParameterResource> clusterCredentialKey) =>
        builder.AddModule<Projects.Dce_ClusterSearch>(name, "clusterpedia.io").Each(replica => replica
            .WithDatabase(postgres, "clustersearch-db")
            .Uses(redis)
            .Uses(messaging)
            .WithIdentityProvider(globalManagement)
            .WaitForReplicas(globalManagement)
            .WithClusterCredentialKey(clusterCredentialKey)
            .WithLocalClusterNetworks());
}
