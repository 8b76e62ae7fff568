using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Wiring shared by every module of the platform.</summary>
public static class ModuleHosting
{
    /// <summary>Argument that makes a module apply its migrations and exit instead of serving.</summary>
    public const string MigrateArgument = "--migrate"; // ModuleRunner.MigrateArgument in the modules

    /// <summary>
    /// Adds a module that owns <paramref name="apiGroups"/>: the gateway routes <c>/apis/&lt;group&gt;/...</c> to it (token
    /// required), and each replica is healthy when its <c>/health</c> is.
    /// </summary>
    public static ModuleReplicas AddModule<TProject>(this IDistributedApplicationBuilder builder, string name, params string[] apiGroups)
        where TProject : IProjectMetadata, new() =>
        builder.AddReplicated<TProject>(name).Each(replica =>
        {
            replica.WithHttpHealthCheck("/health");
            foreach (var group in apiGroups)
            {
                replica.WithGatewayRoute($"/apis/{group}");
            }
        });

    /// <summary>
    /// Routes <paramref name="pathPrefix"/> from the gateway to this module; <paramref name="anonymous"/> routes need no token,
    /// and with <paramref name="affinity"/> a browser's requests stay with one replica.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewayRoute(this IResourceBuilder<ProjectResource> module, string pathPrefix, bool anonymous = false,
        bool affinity = false)
    {
        if (!module.Resource.TryGetLastAnnotation<GatewayRoutesAnnotation>(out var routes))
        {
            routes = new GatewayRoutesAnnotation();
            module.WithAnnotation(routes);
        }

        routes.Add(pathPrefix, anonymous, affinity);
        return module;
    }

    /// <summary>
    /// Gives the module its own database and a migration step (the same program run with <c>--migrate</c>) that must
    /// complete before the module starts serving. Every replica shares the one database and the one migration step.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(this IResourceBuilder<ProjectResource> module, DcePostgres postgres, string databaseName)
    {
        if (!module.Resource.TryGetLastAnnotation<ModuleProjectAnnotation>(out var project))
        {
            throw new InvalidOperationException($"Resource '{module.Resource.Name}' was not added with AddModule.");
        }

        var database = postgres.AddDatabase(databaseName);
        var migrationName = $"{project.Module}-migrate";
        var migration = module.ApplicationBuilder.Resources.OfType<ProjectResource>().SingleOrDefault(resource => resource.Name == migrationName) is { } existing
            ? module.ApplicationBuilder.CreateResourceBuilder(existing)
            : AddMigration(module, project, migrationName, database);
        return module.WithReference(database).WaitForCompletion(migration);
    }

    // The migration step serves nothing: no launch profile, no Kestrel endpoints to clash with the module's. It runs the
    // module's current release, so an upgrade expands the schema before its first new replica starts.
    private static IResourceBuilder<ProjectResource> AddMigration(IResourceBuilder<ProjectResource> module, ModuleProjectAnnotation project,
        string name, IResourceBuilder<IResourceWithConnectionString> database)
    {
        var migration = project.AddProject(module.ApplicationBuilder, name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithArgs(MigrateArgument)
            .WithReference(database)
            .WaitFor(database);
        return module.Resource.TryGetLastAnnotation<ReleasePointerAnnotation>(out var release)
            ? migration.StartsFromReleases(release.Pointer)
            : migration;
    }

    /// <summary>References a middleware resource and waits until it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> Uses(this IResourceBuilder<ProjectResource> module, IResourceBuilder<IResourceWithConnectionString> dependency) =>
        module.WithReference(dependency).WaitFor(dependency);

    /// <summary>Validates tokens against <paramref name="identityProvider"/>'s keys (<c>Dce:Identity:Authority</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithIdentityProvider(this IResourceBuilder<ProjectResource> module, ModuleReplicas identityProvider) =>
        module.WithReplicasOf(identityProvider)
            .WithEnvironment("Dce__Identity__Authority", $"http://{identityProvider.Name}");

    /// <summary>
    /// Lets the module call <paramref name="other"/> by its name through service discovery: every replica's address, so a
    /// call that finds one replica gone is retried on another.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplicasOf(this IResourceBuilder<ProjectResource> module, ModuleReplicas other)
    {
        if (other.Set.IsSingle)
        {
            return module.WithReference(other.Primary);
        }

        foreach (var replica in other.Set.Replicas)
        {
            module.WithReferenceRelationship(replica);
        }

        return module.WithEnvironment(context =>
        {
            var index = 0;
            foreach (var address in other.Set.Addresses(withSurge: false))
            {
                context.EnvironmentVariables[$"services__{other.Name}__http__{index++}"] = address;
            }
        });
    }

    /// <summary>Starts the module once every replica of <paramref name="other"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitForReplicas(this IResourceBuilder<ProjectResource> module, ModuleReplicas other)
    {
        foreach (var replica in other.Set.Replicas)
        {
            module.WaitFor(module.ApplicationBuilder.CreateResourceBuilder(replica));
        }

        return module;
    }
}

/// <summary>How to add another resource running the same project as module <paramref name="Module"/> (its migration step, its replicas).</summary>
public sealed record ModuleProjectAnnotation(
    string Module,
    Func<IDistributedApplicationBuilder, string, Action<ProjectResourceOptions>, IResourceBuilder<ProjectResource>> AddProject) : IResourceAnnotation;
