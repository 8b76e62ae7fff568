using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Permissions that depend on what a call asks for, not only on its route.</summary>
public static class ConditionalPermissionExtensions
{
    /// <summary>
    /// As <see cref="WorkspaceAuthorizationExtensions.RequireWorkspacePermission{TBuilder}"/>, for the calls where
    /// <paramref name="appliesTo"/> holds for the bound arguments (e.g. a body that replaces credentials); other calls pass.
    /// </summary>
    public static TBuilder RequireWorkspacePermissionWhen<TBuilder>(this TBuilder builder, Func<EndpointFilterInvocationContext, bool> appliesTo,
        string action, string resourceType, string workspaceRouteParameter = "workspaceId")
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(appliesTo);
        var filter = new WorkspacePermissionFilter(action, resourceType, workspaceRouteParameter);
        return builder.AddEndpointFilter((context, next) => appliesTo(context) ? filter.InvokeAsync(context, next) : next(context));
    }
}
