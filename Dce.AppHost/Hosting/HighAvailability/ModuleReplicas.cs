namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>The resources that run one module: its replicas and, in the high-availability graph, its surge slot.</summary>
public sealed class ModuleReplicas(ReplicaSetAnnotation set, IReadOnlyList<IResourceBuilder<ProjectResource>> members)
{
    /// <summary>The module's name, which replica 0 carries and service discovery resolves.</summary>
    public string Name => Set.Module;

    /// <summary>Which resources run the module.</summary>
    public ReplicaSetAnnotation Set { get; } = set;

    /// <summary>Replica 0.</summary>
    public IResourceBuilder<ProjectResource> Primary => members[0];

    /// <summary>Replicas, then the surge slot.</summary>
    public IReadOnlyList<IResourceBuilder<ProjectResource>> Members => members;

    /// <summary>Wires every member alike: each replica and the surge slot get the same settings, references and waits.</summary>
    public ModuleReplicas Each(Action<IResourceBuilder<ProjectResource>> wire)
    {
        foreach (var member in members)
        {
            wire(member);
        }

        return this;
    }
}
