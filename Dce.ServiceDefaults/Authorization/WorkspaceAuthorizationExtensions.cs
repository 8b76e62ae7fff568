using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.ServiceDefaults.Authorization;

/// <summary>Workspace-role authorization for any module, answered by Global Management.</summary>
public static class WorkspaceAuthorizationExtensions
{
    /// <summary>Registers <see cref="IWorkspaceAuthorizer"/> for <paramref name="module"/> (its name in permissions, e.g. <c>kpanda</c>), configured from <c>Dce:Authorization</c>.</summary>
    public static TBuilder AddWorkspaceAuthorization<TBuilder>(this TBuilder builder, string module) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<WorkspaceAuthorizationOptions>()
            .Bind(builder.Configuration.GetSection(WorkspaceAuthorizationOptions.Section))
            .Configure(options => options.Module = module);
        builder.Services.AddHttpClient<IWorkspaceAuthorizer, WorkspaceAuthorizer>();
        return builder;
    }

    /// <summary>
    /// Lets the call through only when the caller may do <paramref name="action"/> on <paramref name="resourceType"/> in the
    /// workspace named by the route parameter <paramref name="workspaceRouteParameter"/> (platform scope when the route has none);
    /// otherwise answers 403 ProblemDetails.
    /// </summary>
    public static TBuilder RequireWorkspacePermission<TBuilder>(this TBuilder builder, string action, string resourceType, string workspaceRouteParameter = "workspaceId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new WorkspacePermissionFilter(action, resourceType, workspaceRouteParameter));
}
