using Dce.LocalServers;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>Adds the replicas and the surge slot of one project, wired exactly as its replica 0.</summary>
internal static class ProjectReplication
{
    public static void Replicate(IDistributedApplicationBuilder builder, ProjectResource original, int count, ReleasePointer pointer)
    {
        var project = original.Annotations.OfType<ModuleProjectAnnotation>().Last();
        // What was added after the project itself is its wiring (references, waits, settings); the rest each replica gets by being added.
        var wiring = original.Annotations.SkipWhile(annotation => annotation is not ModuleProjectAnnotation).Skip(1)
            .Where(annotation => annotation is EnvironmentCallbackAnnotation or CommandLineArgsCallbackAnnotation or WaitAnnotation or ResourceRelationshipAnnotation)
            .ToList();

        builder.CreateResourceBuilder(original)
            .WithEndpoint("http", endpoint =>
            {
                var port = FreePort.Next();
                endpoint.IsProxied = false;
                endpoint.Port = port;
                endpoint.TargetPort = port;
            })
            .StartsFromReleases(pointer);

        List<ProjectResource> replicas = [original];
        for (var index = 1; index < count; index++)
        {
            replicas.Add(AddReplica(builder, project, Replicas.Name(original.Name, index), wiring, pointer).Resource);
        }

        var surge = AddReplica(builder, project, Replicas.SurgeName(original.Name), wiring, pointer).WithExplicitStart();
        original.Annotations.Add(new ReplicaSetAnnotation(original.Name, replicas, surge.Resource));
    }

    /// <summary>
    /// A project that references a replicated module (its identity provider, its clients) is given every replica's and the
    /// surge slot's address after replica 0's, so service discovery picks among them.
    /// </summary>
    public static void AddressEveryReplicaOfReferences(IResourceBuilder<ProjectResource> client)
    {
        var referenced = client.Resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(relationship => relationship.Type == "Reference")
            .Select(relationship => relationship.Resource).OfType<ProjectResource>()
            .Where(resource => resource.HasAnnotationOfType<ReplicaSetAnnotation>())
            .Distinct().ToList();
        foreach (var module in referenced)
        {
            var set = module.GetReplicaSet();
            client.WithEnvironment(context =>
            {
                var index = 0;
                foreach (var address in set.Addresses)
                {
                    context.EnvironmentVariables[$"services__{set.Module}__http__{index++}"] = address;
                }
            });
        }
    }

    private static IResourceBuilder<ProjectResource> AddReplica(IDistributedApplicationBuilder builder, ModuleProjectAnnotation project,
        string name, IReadOnlyList<IResourceAnnotation> wiring, ReleasePointer pointer)
    {
        var port = FreePort.Next();
        var replica = project.AddProject(builder, name, options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithHttpEndpoint(name: "http", port: port, targetPort: port, isProxied: false)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .StartsFromReleases(pointer);
        foreach (var annotation in wiring)
        {
            replica.WithAnnotation(annotation, ResourceAnnotationMutationBehavior.Append);
        }

        return replica;
    }

    // `dotnet run --no-build` runs the build output it finds in OutDir: an upgrade's release folder once the pointer names one.
    // Environment callbacks run again at every start, so a restarted replica picks the release current at that moment.
    private static IResourceBuilder<ProjectResource> StartsFromReleases(this IResourceBuilder<ProjectResource> replica, ReleasePointer pointer) =>
        replica.WithAnnotation(new ReleasePointerAnnotation(pointer))
            .WithEnvironment(context =>
            {
                if (pointer.Current() is { } release)
                {
                    context.EnvironmentVariables["OutDir"] = release + Path.DirectorySeparatorChar;
                }
            });
}
