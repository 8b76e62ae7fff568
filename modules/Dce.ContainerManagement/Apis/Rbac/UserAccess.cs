using Dce.ContainerManagement.Kubernetes.Rbac;
using Dce.Platform.Contracts.Authorization;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>
/// The caller's DCE role on clusters and namespaces, read from Global Management's answers: the permission only a role
/// of each level holds (cluster-admin: cluster role bindings; ns-admin: role bindings; ns-editor: creating workloads;
/// ns-viewer: reading them).
/// </summary>
internal static class UserAccess
{
    private static readonly (AccessLevel Level, string Action, string ResourceType)[] Marks =
    [
        (AccessLevel.ClusterAdmin, "create", RbacApi.ClusterRoleBindings),
        (AccessLevel.Admin, "create", RbacApi.RoleBindings),
        (AccessLevel.Editor, "create", "workloads"),
        (AccessLevel.Viewer, "get", "workloads"),
    ];

    /// <summary>The caller's highest level in <paramref name="ns"/> of <paramref name="cluster"/> (its whole-cluster level included).</summary>
    public static async Task<AccessLevel> InNamespaceAsync(HttpContext http, string cluster, string ns)
    {
        foreach (var (level, action, resourceType) in Marks)
        {
            if (await http.IsClusterActionAllowedAsync(new ClusterAccessRequest(action, resourceType, cluster, ns)))
            {
                return level;
            }
        }

        return AccessLevel.None;
    }

    /// <summary>
    /// What the caller holds in each cluster: a grant on the whole cluster and one per namespace where they hold more
    /// than that. Clusters where they hold nothing are absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<UserGrant>>> GrantsAsync(HttpContext http, IEnumerable<string> clusters)
    {
        var scopes = new List<(AccessLevel Level, ClusterScope Scope)>();
        foreach (var (level, action, resourceType) in Marks)
        {
            scopes.Add((level, await http.ClusterScopeAsync(action, resourceType)));
        }

        var grants = new Dictionary<string, IReadOnlyList<UserGrant>>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            var whole = scopes.FirstOrDefault(s => s.Scope.CoversCluster(cluster)).Level;
            var found = new List<UserGrant>();
            if (whole != AccessLevel.None)
            {
                found.Add(new UserGrant(null, whole));
            }

            var namespaces = scopes.SelectMany(s => s.Scope.Namespaces).Where(n => n.Cluster == cluster).Select(n => n.Namespace).Distinct(StringComparer.Ordinal);
            foreach (var ns in namespaces.Order(StringComparer.Ordinal))
            {
                var level = scopes.FirstOrDefault(s => s.Scope.CoversNamespace(cluster, ns)).Level;
                if (level > whole)
                {
                    found.Add(new UserGrant(ns, level));
                }
            }

            if (found.Count > 0)
            {
                grants[cluster] = found;
            }
        }

        return grants;
    }
}
