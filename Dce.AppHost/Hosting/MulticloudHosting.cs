using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Multicloud Management (kairship): Karmada control planes, their member clusters, policies and workloads.</summary>
public static class MulticloudHosting
{
    /// <summary>
    /// Adds Multicloud Management with its database, Redis, the event bus (to learn the clusters Container Management
    /// joined) and Global Management (identity, workspaces, authorization).
    /// </summary>
    public static ModuleReplicas AddMulticloud(
        this IDistributedApplicationBuilder builder, string name, DcePostgres postgres,
        IResourceBuilder<IResourceWithConnectionString> redis, IResourceBuilder<IResourceWithConnectionString> messaging,
        ModuleReplicas globalManagement, IResourceBuilder<ParameterResource> clusterCredentialKey) =>
        builder.AddModule<Projects.Dce_Multicloud>(name, "kairship.io").Each(replica => replica
            .WithDatabase(postgres, "kairship-db")
            .Uses(redis)
            .Uses(messaging)
            .WithIdentityProvider(globalManagement)
            .WaitForReplicas(globalManagement)
            .WithClusterCredentialKey(clusterCredentialKey)
            .WithLocalClusterNetworks());

    /// <summary>
    /// Gives the module the embedded instance served by <paramref name="controlPlane"/> (added with
    /// <see cref="KubeSimResourceExtensions.AddKarmadaControlPlane"/>), whose engine the module runs, and starts it once
    /// the control plane is healthy. The simulated control plane exists only when the graph runs here: published manifests
    /// carry no instance, one is configured there with <c>Multicloud__Instances__N__*</c> and a kubeconfig from a Secret.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEmbeddedInstance(this IResourceBuilder<ProjectResource> module, IResourceBuilder<ProjectResource> controlPlane)
    {
        if (!controlPlane.Resource.TryGetLastAnnotation<KubeconfigFolderAnnotation>(out var folder))
        {
            throw new InvalidOperationException($"Resource '{controlPlane.Resource.Name}' was not added with AddKarmadaControlPlane.");
        }

        if (!module.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return module;
        }

        var name = controlPlane.Resource.Name;
        return module.WithEnvironment("Multicloud__Instances__0__Name", name)
            .WithEnvironment("Multicloud__Instances__0__KubeconfigPath", Path.Combine(folder.Path, name + ".kubeconfig"))
            .WithEnvironment("Multicloud__Instances__0__Embedded", "true")
            .WaitFor(controlPlane);
    }
}
