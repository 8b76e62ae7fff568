using Dce.ContainerManagement.Auditing;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// The generic endpoints of every kind in <see cref="ServedResources"/>, at DCE's paths and in DCE's shapes: lists of
/// Kubernetes-style objects in <c>{items, pagination}</c>, the object, its JSON in <c>data</c>, and create, replace and
/// patch from <c>{"data": "&lt;YAML or JSON&gt;"}</c>. Each asks Global Management for the kind's own permission in
/// the route's namespace (or the cluster, for a cluster-scoped kind), audits every change and raises
/// <see cref="Dce.Platform.Contracts.IntegrationEvents.ResourceChanged"/> for each one that succeeded.
/// </summary>
public static class ResourceApi
{
    public static IEndpointRouteBuilder MapResourceApis(this IEndpointRouteBuilder app)
    {
        foreach (var served in ServedResources.All)
        {
            Map(app, served);
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, ServedResource served)
    {
        var (routes, segment, permission, kind) = (served.Routes, served.Segment, served.Permission, served.Kind.Kind);
        var cluster = app.MapGroup($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}").WithMetadata(served).WithTags(served.Tag);
        var collection = served.Kind.Namespaced ? $"/namespaces/{{namespace}}/{segment}" : $"/{segment}";
        if (routes.HasFlag(ResourceRoutes.ListAcrossClusters))
        {
            app.MapGet($"{ApiPaths.V1Alpha1}/asl/{segment}", ResourceHandlers.ListAcrossClustersAsync).WithMetadata(served).WithTags(served.Tag)
                .WithName($"ListAll{kind}s").WithSummary($"Lists the {segment} of every cluster the caller may see.");
        }

        if (routes.HasFlag(ResourceRoutes.ListInCluster) && served.Kind.Namespaced)
        {
            cluster.MapGet($"/{segment}", ResourceHandlers.ListInClusterAsync)
                .WithName($"ListCluster{kind}s").WithSummary($"Lists the {segment} of every namespace of the cluster the caller may see.");
        }

        if (routes.HasFlag(ResourceRoutes.List))
        {
            var list = cluster.MapGet(collection, ResourceHandlers.ListAsync).WithName($"List{kind}s").WithSummary($"Lists {segment}.");
            Authorize(list, "list", permission, served);
        }

        if (routes.HasFlag(ResourceRoutes.Create))
        {
            var create = cluster.MapPost(collection, ResourceHandlers.CreateAsync).Audited("create", permission).WithName($"Create{kind}")
                .WithSummary($"Creates a {kind} from {{\"data\": \"<YAML or JSON>\"}}.")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes));
            Authorize(create, "create", permission, served);
        }

        var item = $"{collection}/{{name}}";
        if (routes.HasFlag(ResourceRoutes.Get))
        {
            Authorize(cluster.MapGet(item, ResourceHandlers.GetAsync).WithName($"Get{kind}").WithSummary($"A {kind}."), "get", permission, served);
        }

        if (routes.HasFlag(ResourceRoutes.Json))
        {
            Authorize(cluster.MapGet($"{item}/json", ResourceHandlers.GetJsonAsync).WithName($"Get{kind}JSON")
                .WithSummary($"The {kind} as the cluster holds it, as JSON text in data."), "get", permission, served);
        }

        if (routes.HasFlag(ResourceRoutes.Update))
        {
            Authorize(cluster.MapPut(item, ResourceHandlers.UpdateAsync).Audited("update", permission).WithName($"Update{kind}")
                .WithSummary($"Replaces a {kind} with {{\"data\": \"<YAML or JSON>\"}}.")
                .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)), "update", permission, served);
        }

        if (routes.HasFlag(ResourceRoutes.Patch))
        {
            Authorize(cluster.MapPatch(item, ResourceHandlers.PatchAsync).Audited("patch", permission).WithName($"Patch{kind}")
                .WithSummary($"Patches a {kind}: {{\"data\": \"<patch>\"}} (strategic merge for built-in kinds, JSON merge for custom ones, JSON patch when it is an array)."),
                "patch", permission, served);
        }

        if (routes.HasFlag(ResourceRoutes.Delete))
        {
            Authorize(cluster.MapDelete(item, ResourceHandlers.DeleteAsync).Audited("delete", permission).WithName($"Delete{kind}")
                .WithSummary($"Deletes a {kind}."), "delete", permission, served);
        }
    }

    // A cluster-scoped kind's routes name no namespace, so its permission is asked of the cluster: a namespace's roles never reach it.
    private static void Authorize(RouteHandlerBuilder builder, string action, string permission, ServedResource served)
    {
        _ = served;
        builder.RequireClusterPermission(action, permission);
    }
}
