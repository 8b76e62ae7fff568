using Dce.LocalServers;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// Adds the resources that run one project. One replica (the default, and always when publishing): the project under its own
/// name on its launch profile's endpoint. <c>Dce:Replicas</c> of two or more: that many replicas and a stopped surge slot, each
/// on a fixed port of its own without a shared proxy (so the gateway balances over them by health), each started from the
/// module's current release folder so an upgrade can replace them one by one.
/// </summary>
public static class ProjectReplication
{
    public static ModuleReplicas AddReplicated<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        // Typed project metadata tells DCP the AppHost's build already built the module (no `dotnet run` build of its own,
        // which would collide with the parallel builds of other steps); the migration step is added the same way.
        var project = new ModuleProjectAnnotation(name, (b, stepName, configure) => b.AddProject<TProject>(stepName, configure));
        var count = Replicas.Count(builder);
        if (count < 2 || !builder.ExecutionContext.IsRunMode)
        {
            var single = builder.AddProject<TProject>(name).WithAnnotation(project);
            var only = new ReplicaSetAnnotation(name, [single.Resource], Surge: null);
            single.WithAnnotation(only);
            return new ModuleReplicas(only, [single]);
        }

        var pointer = new ReleasePointer(StateFolder.Of(builder), name);
        var replicas = Enumerable.Range(0, count).Select(index => AddMember(builder, project, Replicas.Name(name, index), pointer)).ToList();
        var surge = AddMember(builder, project, Replicas.SurgeName(name), pointer).WithExplicitStart();
        var set = new ReplicaSetAnnotation(name, [.. replicas.Select(replica => replica.Resource)], surge.Resource);
        List<IResourceBuilder<ProjectResource>> members = [.. replicas, surge];
        foreach (var member in members)
        {
            member.WithAnnotation(set);
        }

        return new ModuleReplicas(set, members);
    }

    private static IResourceBuilder<ProjectResource> AddMember(IDistributedApplicationBuilder builder, ModuleProjectAnnotation project, string name, ReleasePointer pointer)
    {
        var port = FreePort.Next();
        return project.AddProject(builder, name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithAnnotation(project)
            .WithHttpEndpoint(name: "http", port: port, targetPort: port, isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .StartsFromReleases(pointer);
    }

    /// <summary>
    /// Starts the project from the module's current release folder: <c>dotnet run --no-build</c> runs the build output it
    /// finds in <c>OutDir</c>. Environment callbacks run again at every start, so a restarted replica runs the release
    /// current at that moment.
    /// </summary>
    public static IResourceBuilder<ProjectResource> StartsFromReleases(this IResourceBuilder<ProjectResource> project, ReleasePointer pointer) =>
        project.WithAnnotation(new ReleasePointerAnnotation(pointer))
            .WithEnvironment(context =>
            {
                if (pointer.Current() is { } release)
                {
                    context.EnvironmentVariables["OutDir"] = release + Path.DirectorySeparatorChar;
                }
            });
}
