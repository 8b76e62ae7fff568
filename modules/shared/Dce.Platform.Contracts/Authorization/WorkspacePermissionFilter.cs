using System.Globalization;
using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Answers 403 ProblemDetails unless Global Management says the caller may do the action in the route's workspace.</summary>
internal sealed class WorkspacePermissionFilter(string action, string resourceType, string workspaceRouteParameter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!BearerCaller.TryGet(http, out var subject, out var token))
        {
            return TypedResults.Problem("Sign in first: this call needs a bearer token.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var routeValue = http.Request.RouteValues[workspaceRouteParameter]?.ToString();
        int? workspaceId = null;
        if (routeValue is not null)
        {
            if (!int.TryParse(routeValue, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.Problem($"{workspaceRouteParameter} must be a workspace id.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
            }

            workspaceId = parsed;
        }

        var authorizer = http.RequestServices.GetRequiredService<IWorkspaceAuthorizer>();
        bool allowed;
        try
        {
            allowed = await authorizer.IsAllowedAsync(subject, token, new WorkspaceAccessRequest(action, resourceType, workspaceId), http.RequestAborted);
        }
        catch (HttpRequestException error)
        {
            http.RequestServices.GetRequiredService<ILogger<WorkspacePermissionFilter>>().LogWarning(error, "Global Management could not answer an authorization question");
            return DependencyUnavailable.Problem(http, "Authorization cannot be checked right now: Global Management cannot be reached.");
        }

        if (allowed)
        {
            return await next(context);
        }

        var where = workspaceId is null ? "on the platform" : $"in workspace {workspaceId}";
        return TypedResults.Problem($"You may not {action} {resourceType} {where}. Ask a workspace administrator for a role that grants it.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }
}
