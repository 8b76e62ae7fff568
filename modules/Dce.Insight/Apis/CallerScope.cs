using Dce.Platform.Contracts.Authorization;

namespace Dce.Insight.Apis;

/// <summary>Where the caller may read observability data, as Global Management answers from their workspaces.</summary>
internal static class CallerScope
{
    public const string Action = "get";
    public const string ResourceType = "metrics";

    /// <summary>The scope, or null when Global Management cannot be asked (the caller then gets 503, never more than they may see).</summary>
    public static async Task<ClusterScope?> ResolveAsync(HttpContext context)
    {
        try
        {
            return await context.ClusterScopeAsync(Action, ResourceType);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
