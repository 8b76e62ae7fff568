using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Apis;

/// <summary>The Services of a namespace.</summary>
public static class ServicesApi
{
    internal const string Resource = "services";

    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}/services").WithTags("Services");
        api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName("ListServices").WithSummary("Lists services.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetService").WithSummary("Describes a service.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateService").WithSummary("Creates a service.");
        api.MapPut("/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateService").WithSummary("Replaces a service's spec.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteService").WithSummary("Deletes a service.");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<V1Service>>> ListAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ServiceOperations.ListAsync(await cluster.ClientAsync(cancellationToken), @namespace, cancellationToken));

    internal static async Task<Ok<V1Service>> GetAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ServiceOperations.GetAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, cancellationToken));

    internal static async Task<Results<Created<V1Service>, ValidationProblem>> CreateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, V1Service service, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("metadata.name", service.Metadata?.Name)
            .Require(service.Spec?.Ports is { Count: > 0 }, "spec.ports", "spec.ports needs at least one port.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var created = await ServiceOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, service, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster.Name}/namespaces/{@namespace}/services/{created.Metadata.Name}", created);
    }

    internal static async Task<Results<Ok<V1Service>, ValidationProblem>> UpdateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, V1Service service, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require(service.Metadata?.Name is null || service.Metadata.Name == name, "metadata.name", $"metadata.name must be {name} or absent.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        service.Metadata ??= new V1ObjectMeta();
        service.Metadata.Name = name;
        return TypedResults.Ok(await ServiceOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, service, cancellationToken));
    }

    internal static async Task<NoContent> DeleteAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        await ServiceOperations.DeleteAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, cancellationToken);
        return TypedResults.NoContent();
    }
}
