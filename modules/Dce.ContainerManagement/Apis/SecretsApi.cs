using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The Secrets of a namespace. Values are masked unless the caller asks with <c>revealValues=true</c> and holds the
/// <c>secret-values</c> permission there.
/// </summary>
public static class SecretsApi
{
    internal const string Resource = "secrets";

    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}/secrets").WithTags("Secrets");
        api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName("ListSecrets").WithSummary("Lists secrets, values masked unless revealValues=true is allowed.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetSecret").WithSummary("Gets a secret, values masked unless revealValues=true is allowed.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateSecret").WithSummary("Creates a secret; the answer masks its values.");
        api.MapPut("/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateSecret").WithSummary("Replaces a secret's values; the answer masks them.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteSecret").WithSummary("Deletes a secret.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SecretView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] TargetCluster cluster, string @namespace, bool? revealValues, HttpContext http, CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster.Name, @namespace))
        {
            return RevealRefused(cluster.Name, @namespace);
        }

        return TypedResults.Ok(await SecretOperations.ListAsync(await cluster.ClientAsync(cancellationToken), @namespace, revealValues == true, cancellationToken));
    }

    internal static async Task<Results<Ok<SecretView>, ProblemHttpResult>> GetAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, bool? revealValues, HttpContext http, CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster.Name, @namespace))
        {
            return RevealRefused(cluster.Name, @namespace);
        }

        return TypedResults.Ok(await SecretOperations.GetAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, revealValues == true, cancellationToken));
    }

    internal static async Task<Results<Created<SecretView>, ValidationProblem>> CreateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, DataRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(requireName: true) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        var created = await SecretOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, request.Name!, request.Data!, request.Type ?? "Opaque", cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster.Name}/namespaces/{@namespace}/secrets/{created.Name}", created);
    }

    internal static async Task<Results<Ok<SecretView>, ValidationProblem>> UpdateAsync(
        [AsParameters] TargetCluster cluster, string @namespace, string name, DataRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate(requireName: false) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await SecretOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, request.Data!, cancellationToken));
    }

    internal static async Task<NoContent> DeleteAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        await SecretOperations.DeleteAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<bool> MayRevealAsync(HttpContext http, string cluster, string ns)
    {
        var scope = await http.ClusterScopeAsync("get", "secret-values");
        return scope.CoversNamespace(cluster, ns);
    }

    private static ProblemHttpResult RevealRefused(string cluster, string ns) =>
        Problems.Forbidden($"You may not read secret values in {cluster}/{ns}; ask without revealValues to see them masked.");
}
