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
        var module = builder.AddProject<TProject>(name).WithHttpHealthCheck("/health");
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
        var projectPath = module.Resource.GetProjectMetadata().ProjectPath;
        // The migration step serves nothing: no launch profile, no Kestrel endpoints to clash with the module's.
        var migration = module.ApplicationBuilder.AddProject($"{module.Resource.Name}-migrate", projectPath, options =>
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
