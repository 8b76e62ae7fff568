using Dce.Kubernetes.Names;
using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Answers 403 ProblemDetails unless Global Management says the caller may do the action in the route's cluster (and namespace, when the route names one).</summary>
internal sealed partial class ClusterPermissionFilter(string action, string resourceType, string clusterRouteParameter, string namespaceRouteParameter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!BearerCaller.TryGet(http, out _, out _))
        {
            return TypedResults.Problem("Sign in first: this call needs a bearer token.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var cluster = http.Request.RouteValues[clusterRouteParameter]?.ToString();
        var ns = http.Request.RouteValues[namespaceRouteParameter]?.ToString();
        if (!IsName(cluster) || (ns is not null && !IsName(ns)))
        {
            var field = IsName(cluster) ? namespaceRouteParameter : clusterRouteParameter;
            return TypedResults.Problem($"{field} must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit.",
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var request = new ClusterAccessRequest(action, resourceType, cluster!, ns);
        bool allowed;
        try
        {
            allowed = await http.IsClusterActionAllowedAsync(request);
        }
        catch (HttpRequestException error)
        {
            http.RequestServices.GetRequiredService<ILogger<ClusterPermissionFilter>>().LogWarning(error, "Global Management could not answer an authorization question");
            return DependencyUnavailable.Problem(http, "Authorization cannot be checked right now: Global Management cannot be reached.");
        }

        return allowed
            ? await next(context)
            : TypedResults.Problem(ClusterPermissionCheck.RefusalDetail(request), statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }

    private static bool IsName(string? value) => KubernetesNames.IsLabel(value);
}

/// <summary>The caller's subject and bearer token, which every question to Global Management forwards.</summary>
public static class BearerCaller
{
    public static bool TryGet(HttpContext http, out string subject, out string token)
    {
        subject = http.User.FindFirst("sub")?.Value ?? "";
        var header = http.Request.Headers.Authorization.ToString();
        token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        return subject.Length > 0 && token.Length > 0;
    }
}
