namespace Dce.GlobalManagement.Model;

/// <summary>
/// A cluster Container Management has joined, learnt from its cluster events; only the name is kept, never credentials.
/// Resources can be bound to workspaces only on a cluster listed here.
/// </summary>
public sealed class JoinedCluster
{
    public required string Name { get; set; }
    public DateTimeOffset AnnouncedAt { get; set; }
}
