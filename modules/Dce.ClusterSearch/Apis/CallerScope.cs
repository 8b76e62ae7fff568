using Dce.ServiceDefaults.Authorization;

namespace Dce.ClusterSearch.Apis;

/// <summary>Where the caller may list resources, as Global Management answers from their workspaces.</summary>
internal static class CallerScope
{
    public const string Action = "list";
    public const string ResourceType = "resources";

    /// <summary>The scope, or null when Global Management cannot be asked (the caller then gets 503, never more than they may see).</summary>
    public static async Task<ClusterScope?> ResolveAsync(HttpContext context, IClusterAuthorizer authorizer)
    {
        var subject = context.User.FindFirst("sub")?.Value ?? "";
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        try
        {
            return await authorizer.ScopeAsync(subject, token, Action, ResourceType, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
