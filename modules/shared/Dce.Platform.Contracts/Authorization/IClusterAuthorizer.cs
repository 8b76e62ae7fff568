using System.ComponentModel;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>May the caller do <paramref name="Action"/> on <paramref name="ResourceType"/> in a cluster, or in one namespace of it?</summary>
public sealed record ClusterAccessRequest(string Action, string ResourceType, string Cluster, string? Namespace);

/// <summary>One namespace of one cluster.</summary>
[Description("One namespace of one cluster.")]
public sealed record ClusterNamespace(string Cluster, string Namespace);

/// <summary>
/// Where the caller may do an action: everywhere (<see cref="All"/>, a platform grant), on whole clusters (those
/// bound to a workspace where a role grants it), and on single namespaces (bound to such a workspace).
/// </summary>
/// <remarks>
/// Global Management serves this type, and the XML docs of this assembly do not reach its OpenAPI document, so the
/// descriptions the document carries are stated here.
/// </remarks>
[Description("Where the caller may do an action: everywhere (bool ClusterScope.All, a platform grant), on whole clusters (those\nbound to a workspace where a role grants it), and on single namespaces (bound to such a workspace).")]
public sealed record ClusterScope(bool All, IReadOnlyList<string> Clusters, IReadOnlyList<ClusterNamespace> Namespaces)
{
    /// <summary>Nothing anywhere.</summary>
    public static ClusterScope None { get; } = new(false, [], []);

    /// <summary>Whether the scope covers the whole of <paramref name="cluster"/>.</summary>
    public bool CoversCluster(string cluster) => All || Clusters.Contains(cluster, StringComparer.Ordinal);

    /// <summary>Whether the scope covers <paramref name="ns"/> of <paramref name="cluster"/>.</summary>
    public bool CoversNamespace(string cluster, string ns) =>
        CoversCluster(cluster) || Namespaces.Any(n => n.Cluster == cluster && n.Namespace == ns);

    /// <summary>Whether the scope covers anything in <paramref name="cluster"/>.</summary>
    public bool TouchesCluster(string cluster) => CoversCluster(cluster) || Namespaces.Any(n => n.Cluster == cluster);
}

/// <summary>
/// Asks Global Management about clusters and namespaces, which it maps to the workspaces they are bound to
/// (a namespace to one workspace, a whole cluster to any number). Throws <see cref="HttpRequestException"/> when
/// Global Management cannot be reached, so callers fail closed.
/// </summary>
public interface IClusterAuthorizer
{
    /// <summary>True when the caller holding <paramref name="bearerToken"/> (subject <paramref name="subject"/>) may do the request.</summary>
    Task<bool> IsAllowedAsync(string subject, string bearerToken, ClusterAccessRequest request, CancellationToken cancellationToken);

    /// <summary>Where the caller may do <paramref name="action"/> on <paramref name="resourceType"/>.</summary>
    Task<ClusterScope> ScopeAsync(string subject, string bearerToken, string action, string resourceType, CancellationToken cancellationToken);
}
