using Dce.Insight.Apis;
using Dce.Platform.Contracts.Authorization;

namespace Dce.Insight.Alerting;

/// <summary>Who may read and change alerting objects: reading follows the metrics scope, changing needs Insight's write rights (cluster admins).</summary>
internal static class AlertAccess
{
    public const string ResourceType = "alerts";
    private const string WriteAction = "update";

    /// <summary>Where the caller may read alerts and groups, or null when Global Management cannot say.</summary>
    public static Task<ClusterScope?> ReadScopeAsync(HttpContext http) => CallerScope.ResolveAsync(http);

    /// <summary>Where the caller may create and change groups and silences, or null when Global Management cannot say.</summary>
    public static async Task<ClusterScope?> WriteScopeAsync(HttpContext http)
    {
        try
        {
            return await http.ClusterScopeAsync(WriteAction, ResourceType);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="scope"/> covers a target: a whole cluster, or one namespace of it.</summary>
    public static bool Covers(this ClusterScope scope, string cluster, string? ns) =>
        ns is null ? scope.CoversCluster(cluster) : scope.CoversNamespace(cluster, ns);
}
