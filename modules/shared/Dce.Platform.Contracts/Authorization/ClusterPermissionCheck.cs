using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>
/// The one question every cluster permission goes through: <c>RequireClusterPermission</c> asks it for the route, and a
/// handler asks it for what a request names beyond its route (each document of a manifest), so both answer alike.
/// </summary>
public static class ClusterPermissionCheck
{
    /// <summary>
    /// True when the current caller may do <paramref name="request"/>; false without a bearer token. Throws
    /// <see cref="HttpRequestException"/> when Global Management cannot be reached, so callers fail closed.
    /// </summary>
    public static Task<bool> IsClusterActionAllowedAsync(this HttpContext http, ClusterAccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(http);
        return BearerCaller.TryGet(http, out var subject, out var token)
            ? http.RequestServices.GetRequiredService<IClusterAuthorizer>().IsAllowedAsync(subject, token, request, http.RequestAborted)
            : Task.FromResult(false);
    }

    /// <summary>The 403 detail for a refused <paramref name="request"/>.</summary>
    public static string RefusalDetail(ClusterAccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var where = request.Namespace is null ? $"in cluster {request.Cluster}" : $"in namespace {request.Cluster}/{request.Namespace}";
        return $"You may not {request.Action} {request.ResourceType} {where}. Ask a workspace administrator for a role that grants it in a workspace the {(request.Namespace is null ? "cluster" : "namespace")} is bound to.";
    }
}
