using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Container Management (kpanda): joined clusters, their nodes, namespaces and workloads.</summary>
public static class ContainerManagementHosting
{
    /// <summary>The secret every module that reaches clusters shares to pass kubeconfigs to one another sealed.</summary>
    public const string ClusterCredentialKeyParameter = "cluster-credential-key";

    /// <summary>The platform's cluster credential key: generated once, kept in the AppHost's user secrets.</summary>
    public static IResourceBuilder<ParameterResource> AddClusterCredentialKey(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter(ClusterCredentialKeyParameter, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

    /// <summary>Gives a module the platform's cluster credential key (<c>Dce:ClusterCredentials:Key</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithClusterCredentialKey(this IResourceBuilder<ProjectResource> module, IResourceBuilder<ParameterResource> key) =>
        module.WithEnvironment("Dce__ClusterCredentials__Key", key);

    /// <summary>
    /// Lets a module reach the simulated clusters on this machine (loopback, refused by the platform's outbound policy
    /// otherwise) when the graph runs locally; the published manifests keep loopback refused.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalClusterNetworks(this IResourceBuilder<ProjectResource> module) =>
        module.ApplicationBuilder.ExecutionContext.IsRunMode
            ? module.WithEnvironment("Dce__Clusters__Outbound__AllowNetworks__0", "127.0.0.0/8")
                .WithEnvironment("Dce__Clusters__Outbound__AllowNetworks__1", "::1/128")
            : module;

    /// <summary>
    /// Adds Container Management with its database, Redis, the event bus and Global Management (identity, workspaces,
    /// authorization). The embedded simulated clusters join it on first start when it is given their kubeconfigs.
    /// </summary>
    public static ModuleReplicas AddContainerManagement(
        this IDistributedApplicationBuilder builder, string name, DcePostgres postgres,
        IResourceBuilder<IResourceWithConnectionString> redis, IResourceBuilder<IResourceWithConnectionString> messaging,
        ModuleReplicas globalManagement, IResourceBuilder<ParameterResource> clusterCredentialKey) =>
        builder.AddModule<Projects.Dce_ContainerManagement>(name, "kpanda.io").Each(replica => replica
            .WithDatabase(postgres, "kpanda-db")
            .Uses(redis)
            .Uses(messaging)
            .WithIdentityProvider(globalManagement)
            .WaitForReplicas(globalManagement)
            .WithClusterCredentialKey(clusterCredentialKey)
            .WithLocalClusterNetworks());
}
