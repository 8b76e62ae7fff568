using Dce.Platform.Contracts.Authorization;

namespace Dce.ContainerManagement.Apis;

/// <summary>Form endpoints require their kind's permission from <see cref="KindPermissions"/>.</summary>
internal static class KindPermissionConventions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, ClusterPermission permission, string namespaceRouteParameter = "namespace")
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireClusterPermission(permission.Action, permission.ResourceType, namespaceRouteParameter: namespaceRouteParameter);
}
