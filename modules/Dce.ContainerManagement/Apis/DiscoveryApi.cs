using Dce.ContainerManagement.Apis.CustomResources;
using Dce.ContainerManagement.Apis.Resources;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// What a cluster offers, read from it at once: its API groups of custom resources, its preferred resources, its ingress
/// classes, the storage classes to claim from, and the module's feature gates. Each answers a caller who may do the
/// matching thing somewhere in the cluster (a namespace is enough); anyone else is refused.
/// </summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup($"{ApiPaths.V1Alpha1}/clusters/{{cluster}}").WithTags("Discovery");
        cluster.MapGet("/crd-groups", DiscoveryHandlers.CustomResourceGroupsAsync).WithName("ListCustomResourceDefinitionGroups")
            .WithSummary($"The API groups of the cluster's custom resource definitions; for a caller who may list {CustomResourceTypes.Permission} in the cluster.");
        cluster.MapGet("/preferredresources", DiscoveryHandlers.PreferredResourcesAsync).WithName("ListClusterPreferredResources")
            .WithSummary("The preferred version of every API group the cluster serves, with its resources (namespaced=true|false to keep one scope).");
        cluster.MapGet("/ingressclasssummary", DiscoveryHandlers.IngressClassesAsync).WithName("ListIngressClassSummary")
            .WithSummary($"The cluster's ingress classes (name, controller, whether default); for a caller who may list {ServedResources.Ingresses} there.");
        cluster.MapGet("/accessiblestorageclasses", DiscoveryHandlers.AccessibleStorageClassesAsync).WithName("ListAccessibleStorageClasses")
            .WithSummary($"The storage classes a claim may name; for a caller who may list {ServedResources.Claims} in the cluster (paged, provisioner, reclaimPolicy).");
        app.MapGet($"{ApiPaths.V1Alpha1}/featuregates", (Func<HttpContext, Task<IResult>>)DiscoveryHandlers.FeatureGatesAsync).WithTags("Discovery").WithName("ListFeatureGates")
            .WithSummary("The module's feature gates, for a caller who may see a cluster.");
        return app;
    }
}
