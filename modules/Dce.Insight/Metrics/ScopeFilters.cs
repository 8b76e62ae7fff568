using Dce.Platform.Contracts.Authorization;

namespace Dce.Insight.Metrics;

/// <summary>
/// The series a caller may read, as series selectors the metrics engine applies to every series a query touches
/// (<c>extra_filters[]</c>, any one matching is enough), as prom-label-proxy enforces labels: a whole cluster's series
/// for a cluster the caller's workspaces hold, a namespace's series (those labelled with it) for a namespace they hold.
/// A series without a <c>namespace</c> label (a node's, the API server's) is visible with its whole cluster only.
/// </summary>
public static class ScopeFilters
{
    /// <summary>
    /// The selectors for <paramref name="scope"/>, narrowed to <paramref name="cluster"/> and <paramref name="ns"/> when
    /// given: empty for no limit (a platform grant, nothing narrowed), null when nothing at all may be read.
    /// </summary>
    public static IReadOnlyList<string>? For(ClusterScope scope, string? cluster, string? ns)
    {
        if (scope.All)
        {
            return cluster is null && ns is null ? [] : [Selector(cluster, ns)];
        }

        var selectors = scope.Clusters.Where(c => cluster is null || c == cluster).Select(c => Selector(c, ns))
            .Concat(scope.Namespaces.Where(n => (cluster is null || n.Cluster == cluster) && (ns is null || n.Namespace == ns))
                .Where(n => !scope.CoversCluster(n.Cluster))
                .Select(n => Selector(n.Cluster, n.Namespace)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return selectors.Count == 0 ? null : selectors;
    }

    private static string Selector(string? cluster, string? ns)
    {
        var matchers = new List<string>(2);
        if (cluster is not null)
        {
            matchers.Add($"cluster=\"{Escape(cluster)}\"");
        }

        if (ns is not null)
        {
            matchers.Add($"namespace=\"{Escape(ns)}\"");
        }

        return "{" + string.Join(',', matchers) + "}";
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
