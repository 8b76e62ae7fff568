using Dce.ContainerManagement.Auditing;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Dce.ContainerManagement.Apis.CustomResources.CustomResourceTypes;

namespace Dce.ContainerManagement.Apis.CustomResources;

/// <summary>
/// Any resource the cluster's discovery serves outside Kubernetes' own groups (custom resources above all), by group,
/// version and resource, at DCE's <c>gvr</c> paths: in a namespace, or of the whole cluster. Every call needs the
/// <c>customresources</c> permission in the route's namespace (or on the cluster); every change is audited and raises
/// <see cref="Dce.Platform.Contracts.IntegrationEvents.ResourceChanged"/>.
/// </summary>
public static class CustomResourceApi
{
    public static IEndpointRouteBuilder MapCustomResourceApi(this IEndpointRouteBuilder app)
    {
        var gvr = app.MapGroup($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}/gvr/{{group}}/{{version}}").WithTags("CustomResources");
        Map(gvr, "/namespaces/{namespace}/{resource}", "");
        Map(gvr, "/{resource}", "Cluster");
        return app;
    }

    private static void Map(RouteGroupBuilder gvr, string collection, string scope)
    {
        var item = $"{collection}/{{name}}";
        var limit = new RequestSizeLimitAttribute(ManifestLimits.MaxBytes);
        gvr.MapGet(collection, CustomResourceHandlers.ListAsync).RequireClusterPermission("list", Permission)
            .WithName($"List{scope}CustomResources").WithSummary("Lists the resources (paged, sorted, by name, labels, fields or owner; showDetail adds each object in data).");
        gvr.MapPost(collection, CustomResourceHandlers.CreateAsync).Audited("create", Permission).RequireClusterPermission("create", Permission)
            .WithMetadata(limit).WithName($"Create{scope}CustomResource").WithSummary("Creates a resource from {\"data\": \"<YAML or JSON>\"}.");
        gvr.MapGet(item, CustomResourceHandlers.GetAsync).RequireClusterPermission("get", Permission)
            .WithName($"Get{scope}CustomResource").WithSummary("A resource: kind, apiVersion, name, namespace, creation time, labels, and the object in data.");
        gvr.MapGet($"{item}/json", CustomResourceHandlers.GetJsonAsync).RequireClusterPermission("get", Permission)
            .WithName($"Get{scope}CustomResourceJSON").WithSummary("The resource as the cluster holds it, as JSON text in data.");
        gvr.MapPut(item, CustomResourceHandlers.UpdateAsync).Audited("update", Permission).RequireClusterPermission("update", Permission)
            .WithMetadata(limit).WithName($"Update{scope}CustomResource").WithSummary("Replaces a resource with {\"data\": \"<YAML or JSON>\"}.");
        gvr.MapPut($"{item}/status", CustomResourceHandlers.UpdateStatusAsync).Audited("update", Permission).RequireClusterPermission("update", Permission)
            .WithMetadata(limit).WithName($"Update{scope}CustomResourceStatus").WithSummary("Replaces a resource's status with {\"data\": \"<the object with its status>\"}.");
        gvr.MapPatch(item, CustomResourceHandlers.PatchAsync).Audited("patch", Permission).RequireClusterPermission("patch", Permission)
            .WithMetadata(limit).WithName($"Patch{scope}CustomResource")
            .WithSummary("Patches a resource: {\"patchType\": \"PATCH_TYPE_JSON|PATCH_TYPE_MERGE|PATCH_TYPE_APPLY\", \"data\": \"<patch>\", \"subResources\": [\"status\"]}.");
        gvr.MapDelete(item, CustomResourceHandlers.DeleteAsync).Audited("delete", Permission).RequireClusterPermission("delete", Permission)
            .WithName($"Delete{scope}CustomResource").WithSummary("Deletes a resource (deletionPropagation: Foreground, Background or Orphan).");
    }
}
