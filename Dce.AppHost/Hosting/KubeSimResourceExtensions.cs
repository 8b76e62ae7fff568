using Dce.LocalServers;

namespace Dce.AppHost.Hosting;

/// <summary>
/// KubeSim (<c>modules/Dce.KubeSim</c>): simulated Kubernetes clusters, the embedded default when no real cluster is
/// given. It writes one kubeconfig per cluster into a folder under the AppHost's state folder; modules that act on
/// clusters read that folder through <c>Kubernetes__KubeconfigDirectory</c>.
/// </summary>
public static class KubeSimResourceExtensions
{
    /// <summary>Name of the secret parameter holding the token of KubeSim's <c>/sim</c> failure-control API.</summary>
    public const string AdminTokenParameter = "kubesim-admin-token";

    /// <summary>Environment variable through which a module learns where the kubeconfigs are.</summary>
    public const string KubeconfigDirectoryVariable = "Kubernetes__KubeconfigDirectory";

    private const string ProjectPath = "../modules/Dce.KubeSim/Dce.KubeSim.csproj";

    /// <summary>
    /// Adds KubeSim with its kubeconfig folder (<c>&lt;state&gt;/&lt;name&gt;/kubeconfigs</c>), its state folder
    /// (<c>&lt;state&gt;/&lt;name&gt;/data</c>: clusters, objects, tokens, serving certificate) and a generated, persisted admin
    /// token. Its clusters come from its own configuration (<c>KubeSim:Clusters</c>), three built-in ones when none is given.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddKubeSim(this IDistributedApplicationBuilder builder, string name)
    {
        var adminToken = builder.AddParameter(AdminTokenParameter,
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        return WithState(builder, name, builder.AddProject(name, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ProjectPath))))
            .WithEnvironment("KubeSim__AdminToken", adminToken);
    }

    /// <summary>
    /// Adds the embedded Karmada control plane: a second KubeSim serving one cluster named <paramref name="name"/> that is
    /// an API server only (no nodes, no workload controllers), as Karmada's API server is. Its kubeconfig folder is its own,
    /// so Container Management never takes it for a member cluster; it has no admin API. It starts once
    /// <paramref name="kubeSim"/> is healthy: both run the same project, and two builds of one project at once can stall.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddKarmadaControlPlane(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ProjectResource> kubeSim)
    {
        var port = FreePort.Next();
        var project = builder.AddProject(name, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ProjectPath)), options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithHttpEndpoint(name: "http", port: port, targetPort: port, isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("KubeSim__Clusters__0__Name", name)
            .WithEnvironment("KubeSim__Clusters__0__ApiServerOnly", "true")
            .WithEnvironment("KubeSim__Clusters__0__SystemWorkloads", "false")
            .WaitFor(kubeSim);
        return WithState(builder, name, project);
    }

    private static IResourceBuilder<ProjectResource> WithState(IDistributedApplicationBuilder builder, string name, IResourceBuilder<ProjectResource> project)
    {
        var kubeconfigs = Path.Combine(StateFolder.Of(builder), name, "kubeconfigs");
        Directory.CreateDirectory(kubeconfigs);
        var data = Path.Combine(StateFolder.Of(builder), name, "data");
        return project
            // Its HTTPS certificate is its own, self-signed: probe over its plain HTTP endpoint.
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithEnvironment("KubeSim__KubeconfigDirectory", kubeconfigs)
            // Its clusters, tokens and serving certificate outlive a restart, as the kubeconfigs kept by the modules expect.
            .WithEnvironment("KubeSim__StateDirectory", data)
            .WithAnnotation(new KubeconfigFolderAnnotation(kubeconfigs));
    }

    /// <summary>
    /// Hands a module the kubeconfig folder of <paramref name="kubeSim"/> as <c>Kubernetes__KubeconfigDirectory</c>
    /// and starts it once KubeSim is healthy (its kubeconfigs are written by then).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithKubeconfigsFrom(this IResourceBuilder<ProjectResource> module, IResourceBuilder<ProjectResource> kubeSim)
    {
        if (!kubeSim.Resource.TryGetLastAnnotation<KubeconfigFolderAnnotation>(out var folder))
        {
            throw new InvalidOperationException($"Resource '{kubeSim.Resource.Name}' was not added with AddKubeSim.");
        }

        return module.WithEnvironment(KubeconfigDirectoryVariable, folder.Path).WaitFor(kubeSim);
    }
}

/// <summary>Where a KubeSim resource writes its kubeconfigs.</summary>
public sealed record KubeconfigFolderAnnotation(string Path) : IResourceAnnotation;
