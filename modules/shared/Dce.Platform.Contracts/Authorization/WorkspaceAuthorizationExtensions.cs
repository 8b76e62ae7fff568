using Dce.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Workspace-role authorization for any module, answered by Global Management.</summary>
public static class WorkspaceAuthorizationExtensions
{
    /// <summary>
    /// Registers <see cref="IWorkspaceAuthorizer"/> and <see cref="IClusterAuthorizer"/> for <paramref name="module"/> (its name in
    /// permissions, e.g. <c>kpanda</c>), configured from <c>Dce:Authorization</c>.
    /// </summary>
    public static TBuilder AddWorkspaceAuthorization<TBuilder>(this TBuilder builder, string module) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<WorkspaceAuthorizationOptions>()
            .Bind(builder.Configuration.GetSection(WorkspaceAuthorizationOptions.Section))
            .Configure(options => options.Module = module);
        builder.Services.AddHttpClient<IWorkspaceAuthorizer, WorkspaceAuthorizer>();
        builder.Services.AddHttpClient<IClusterAuthorizer, ClusterAuthorizer>();
        return builder;
    }

    /// <summary>
    /// Lets the call through only when the caller may do <paramref name="action"/> on <paramref name="resourceType"/> in the
    /// workspace named by the route parameter <paramref name="workspaceRouteParameter"/> (platform scope when the route has none);
    /// otherwise answers 403 ProblemDetails.
    /// </summary>
    public static TBuilder RequireWorkspacePermission<TBuilder>(this TBuilder builder, string action, string resourceType, string workspaceRouteParameter = "workspaceId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddAuthorizationFilter(new WorkspacePermissionFilter(action, resourceType, workspaceRouteParameter));

    /// <summary>
    /// Lets the call through only when the caller may do <paramref name="action"/> on <paramref name="resourceType"/> in the
    /// cluster named by the route parameter <paramref name="clusterRouteParameter"/> — in its namespace named by
    /// <paramref name="namespaceRouteParameter"/> when the route has one — that is, when a workspace the cluster (or the
    /// namespace) is bound to grants it, or a platform role does; otherwise answers 403 ProblemDetails.
    /// </summary>
    public static TBuilder RequireClusterPermission<TBuilder>(this TBuilder builder, string action, string resourceType,
        string clusterRouteParameter = "cluster", string namespaceRouteParameter = "namespace")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddAuthorizationFilter(new ClusterPermissionFilter(action, resourceType, clusterRouteParameter, namespaceRouteParameter));

    /// <summary>
    /// Where the current caller may do <paramref name="action"/> on <paramref name="resourceType"/>: for filtering lists across
    /// clusters. <see cref="ClusterScope.None"/> without a bearer token; throws <see cref="HttpRequestException"/> when Global
    /// Management cannot be reached.
    /// </summary>
    public static Task<ClusterScope> ClusterScopeAsync(this HttpContext http, string action, string resourceType)
    {
        ArgumentNullException.ThrowIfNull(http);
        return BearerCaller.TryGet(http, out var subject, out var token)
            ? http.RequestServices.GetRequiredService<IClusterAuthorizer>().ScopeAsync(subject, token, action, resourceType, http.RequestAborted)
            : Task.FromResult(ClusterScope.None);
    }
}
