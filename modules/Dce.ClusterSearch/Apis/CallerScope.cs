using Dce.Platform.Contracts.Authorization;

namespace Dce.ClusterSearch.Apis;

/// <summary>Where the caller may list resources, as Global Management answers from their workspaces.</summary>
internal static class CallerScope
{
    public const string Action = "list";
    public const string ResourceType = "resources";

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
