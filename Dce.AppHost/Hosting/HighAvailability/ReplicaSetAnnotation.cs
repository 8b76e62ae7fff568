namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// On every member of a module's replica set: its replicas (replica 0 first) and, in the high-availability graph, the
/// surge slot an upgrade starts first. An upgrade replaces the replicas one by one; every client of the module balances
/// over their addresses.
/// </summary>
public sealed record ReplicaSetAnnotation(string Module, IReadOnlyList<ProjectResource> Replicas, ProjectResource? Surge) : IResourceAnnotation
{
    /// <summary>Whether the module runs as one resource on its proxied endpoint, as the default graph runs it.</summary>
    public bool IsSingle => Surge is null;

    /// <summary>Replica 0, which carries the module's own name.</summary>
    public ProjectResource Primary => Replicas[0];

    /// <summary>The replicas then the surge slot.</summary>
    public IEnumerable<ProjectResource> Members => Surge is null ? Replicas : [.. Replicas, Surge];

    /// <summary>
    /// The URL of every replica (and of the surge slot when <paramref name="withSurge"/>). Each has a fixed port chosen with
    /// the graph: a stopped surge slot has no allocated endpoint to wait for, and an address that refuses is what clients
    /// must expect anyway.
    /// </summary>
    public IEnumerable<string> Addresses(bool withSurge) =>
        (withSurge ? Members : Replicas).Select(member => $"http://localhost:{FixedPort(member)}");

    /// <summary>The fixed port of a member's http endpoint.</summary>
    public static int FixedPort(ProjectResource member) =>
        member.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http").Port
            ?? throw new InvalidOperationException($"Replica '{member.Name}' has no fixed port.");
}
