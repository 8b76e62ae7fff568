namespace Dce.Insight.Model;

/// <summary>
/// The newest removed join of a cluster name, kept so an announcement of that join or an older one, delivered late or
/// again, never brings the cluster or its credentials back; a later join still does.
/// </summary>
public sealed class RemovedCluster
{
    public required string Name { get; set; }
    public long Incarnation { get; set; }
    public DateTimeOffset RemovedAt { get; set; }
}
