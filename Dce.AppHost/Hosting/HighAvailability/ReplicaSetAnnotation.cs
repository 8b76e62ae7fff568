namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// On replica 0 of a replicated project: every replica (replica 0 first) and the surge slot, the set an upgrade
/// replaces one by one and every client of the module balances over.
/// </summary>
public sealed record ReplicaSetAnnotation(string Module, IReadOnlyList<ProjectResource> Replicas, ProjectResource Surge) : IResourceAnnotation
{
    /// <summary>The replicas then the surge slot: the addresses clients are given, in order.</summary>
    public IEnumerable<ProjectResource> Addresses => [.. Replicas, Surge];
}
