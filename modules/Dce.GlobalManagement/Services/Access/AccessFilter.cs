using System.Globalization;
using System.Security.Claims;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>Where an endpoint's access question is asked: the platform, or the folder or workspace named in the route.</summary>
public enum AccessScope
{
    Platform,
    Folder,
    Workspace,
}

/// <summary>Answers 403 unless the caller may do the action on the resource type in the scope the route names.</summary>
internal sealed class AccessFilter(AccessScope scope, string resourceType, string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.UserId() is not { } userId)
        {
            return TypedResults.Unauthorized();
        }

        int? workspaceId = scope == AccessScope.Workspace ? RouteId(http, "workspaceId") : null;
        int? folderId = scope == AccessScope.Folder ? RouteId(http, "folderId") : null;
        var question = new AccessQuestion(BuiltInRoles.Module, resourceType, action, workspaceId, folderId);
        var decisions = http.RequestServices.GetRequiredService<AccessDecisions>();
        if (await decisions.IsAllowedAsync(userId, question, http.RequestAborted))
        {
            return await next(context);
        }

        var where = scope switch
        {
            AccessScope.Workspace => $" in workspace {workspaceId}",
            AccessScope.Folder => $" in folder {folderId}",
            _ => " on the platform",
        };
        return Forbidden($"You may not {action} {resourceType}{where}. Ask an administrator for a role that grants it.");
    }

    internal static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static int? RouteId(HttpContext http, string name) =>
        int.TryParse(http.Request.RouteValues[name]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>Endpoint metadata that says which permission an endpoint needs.</summary>
public static class AccessEndpointExtensions
{
    public static TBuilder RequirePlatformAccess<TBuilder>(this TBuilder builder, string resourceType, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.AddAuthorizationFilter(new AccessFilter(AccessScope.Platform, resourceType, action));

    public static TBuilder RequireFolderAccess<TBuilder>(this TBuilder builder, string resourceType, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.AddAuthorizationFilter(new AccessFilter(AccessScope.Folder, resourceType, action));

    public static TBuilder RequireWorkspaceAccess<TBuilder>(this TBuilder builder, string resourceType, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.AddAuthorizationFilter(new AccessFilter(AccessScope.Workspace, resourceType, action));

    /// <summary>The user id in the token's <c>sub</c> claim.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : null;
}
