namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// On replica 0 of a replicated project: every replica (replica 0 first) and the surge slot, the set an upgrade
/// replaces one by one and every client of the module balances over.
/// </summary>
public sealed record ReplicaSetAnnotation(string Module, IReadOnlyList<ProjectResource> Replicas, ProjectResource Surge) : IResourceAnnotation
{
    /// <summary>The replicas then the surge slot: the addresses clients are given, in order.</summary>
    public IEnumerable<ProjectResource> Members => [.. Replicas, Surge];

    /// <summary>
    /// The URL of every member, replicas then the surge slot. Every member has a fixed port chosen with the graph: a stopped
    /// surge slot has no allocated endpoint to wait for, and an address that refuses is what clients must expect anyway.
    /// </summary>
    public IEnumerable<string> Addresses => Members.Select(member => $"http://localhost:{FixedPort(member)}");

    /// <summary>The fixed port of a member's http endpoint.</summary>
    public static int FixedPort(ProjectResource member) =>
        member.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http").Port
            ?? throw new InvalidOperationException($"Replica '{member.Name}' has no fixed port.");
}
