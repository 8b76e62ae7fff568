namespace Dce.AppHost.Hosting;

/// <summary>Wiring shared by every module of the platform.</summary>
public static class ModuleHosting
{
    /// <summary>Argument that makes a module apply its migrations and exit instead of serving.</summary>
    public const string MigrateArgument = "--migrate"; // ModuleRunner.MigrateArgument in the modules

    /// <summary>
    /// Adds a module that owns <paramref name="apiGroups"/>: the gateway routes <c>/apis/&lt;group&gt;/...</c> to it (token
    /// required), and it is healthy when its <c>/health</c> is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddModule<TProject>(this IDistributedApplicationBuilder builder, string name, params string[] apiGroups)
        where TProject : IProjectMetadata, new()
    {
        // Typed project metadata tells DCP the AppHost's build already built the module (no `dotnet run` build of its
        // own, which would collide with the parallel builds of other steps); the migration step is added the same way.
        var module = builder.AddProject<TProject>(name).WithHttpHealthCheck("/health")
            .WithAnnotation(new ModuleProjectAnnotation((b, stepName, configure) => b.AddProject<TProject>(stepName, configure)));
        foreach (var group in apiGroups)
        {
            module.WithGatewayRoute($"/apis/{group}");
        }

        return module;
    }

    /// <summary>Routes <paramref name="pathPrefix"/> from the gateway to this module; <paramref name="anonymous"/> routes need no token.</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayRoute(this IResourceBuilder<ProjectResource> module, string pathPrefix, bool anonymous = false)
    {
        if (!module.Resource.TryGetLastAnnotation<GatewayRoutesAnnotation>(out var routes))
        {
            routes = new GatewayRoutesAnnotation();
            module.WithAnnotation(routes);
        }

        routes.Add(pathPrefix, anonymous);
        return module;
    }

    /// <summary>
    /// Gives the module its own database and a migration step (the same program run with <c>--migrate</c>)
    /// that must complete before the module starts serving.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(this IResourceBuilder<ProjectResource> module, DcePostgres postgres, string databaseName)
    {
        var database = postgres.AddDatabase(databaseName);
        if (!module.Resource.TryGetLastAnnotation<ModuleProjectAnnotation>(out var project))
        {
            throw new InvalidOperationException($"Resource '{module.Resource.Name}' was not added with AddModule.");
        }

        // The migration step serves nothing: no launch profile, no Kestrel endpoints to clash with the module's.
        var migration = project.AddProject(module.ApplicationBuilder, $"{module.Resource.Name}-migrate", options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithArgs(MigrateArgument)
            .WithReference(database)
            .WaitFor(database);

        return module.WithReference(database).WaitForCompletion(migration);
    }

    /// <summary>References a middleware resource and waits until it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> Uses(this IResourceBuilder<ProjectResource> module, IResourceBuilder<IResourceWithConnectionString> dependency) =>
        module.WithReference(dependency).WaitFor(dependency);

    /// <summary>Validates tokens against <paramref name="identityProvider"/>'s keys (<c>Dce:Identity:Authority</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithIdentityProvider(this IResourceBuilder<ProjectResource> module, IResourceBuilder<ProjectResource> identityProvider) =>
        module.WithReference(identityProvider)
            .WithEnvironment("Dce__Identity__Authority", $"http://{identityProvider.Resource.Name}");
}

/// <summary>
/// How to add another resource running the same project (its migration step, its replicas). Annotations added after this
/// one are the project's wiring, which every replica repeats.
/// </summary>
public sealed record ModuleProjectAnnotation(
    Func<IDistributedApplicationBuilder, string, Action<ProjectResourceOptions>, IResourceBuilder<ProjectResource>> AddProject,
    bool IsGateway = false) : IResourceAnnotation;
