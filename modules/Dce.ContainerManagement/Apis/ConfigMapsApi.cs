using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Apis;

/// <summary>The ConfigMaps of a namespace.</summary>
public static class ConfigMapsApi
{
    internal const string Resource = "configmaps";

    public static IEndpointRouteBuilder MapConfigMapsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}/configmaps").WithTags("ConfigMaps");
        api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName("ListConfigMaps").WithSummary("Lists config maps.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetConfigMap").WithSummary("Gets a config map.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateConfigMap").WithSummary("Creates a config map.");
        api.MapPut("/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateConfigMap").WithSummary("Replaces a config map's data.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteConfigMap").WithSummary("Deletes a config map.");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<V1ConfigMap>>> ListAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ConfigMapOperations.ListAsync(await cluster.ClientAsync(cancellationToken), @namespace, cancellationToken));

    internal static async Task<Ok<V1ConfigMap>> GetAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ConfigMapOperations.GetAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, cancellationToken));

    internal static async Task<Results<Created<V1ConfigMap>, ValidationProblem>> CreateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, DataRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(requireName: true) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        var created = await ConfigMapOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, request.Name!, request.Data!, request.Labels, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster.Name}/namespaces/{@namespace}/configmaps/{created.Metadata.Name}", created);
    }

    internal static async Task<Results<Ok<V1ConfigMap>, ValidationProblem>> UpdateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, DataRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(requireName: false) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await ConfigMapOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, request.Data!, cancellationToken));
    }

    internal static async Task<NoContent> DeleteAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        await ConfigMapOperations.DeleteAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, cancellationToken);
        return TypedResults.NoContent();
    }
}
