using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Services, ConfigMaps and Secrets of a namespace. Secret values are masked unless the caller asks with
/// <c>revealValues=true</c> and holds the <c>secret-values</c> permission there.
/// </summary>
public static class ConfigurationApi
{
    public static IEndpointRouteBuilder MapConfigurationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}");

        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("", async (string cluster, string @namespace, ClusterResolver clusters, CancellationToken ct) =>
                TypedResults.Ok(await ServiceOperations.ListAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, ct)))
            .RequireClusterPermission("list", "services").WithName("ListServices").WithSummary("Lists services.");
        services.MapGet("/{name}", async (string cluster, string @namespace, string name, ClusterResolver clusters, CancellationToken ct) =>
                TypedResults.Ok(await ServiceOperations.GetAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, ct)))
            .RequireClusterPermission("get", "services").WithName("GetService").WithSummary("Describes a service.");
        services.MapPost("", CreateServiceAsync).Audited("create", "services").RequirePermission(KindPermissions.Services.Create).WithName("CreateService").WithSummary("Creates a service.");
        services.MapPut("/{name}", UpdateServiceAsync).Audited("update", "services").RequirePermission(KindPermissions.Services.Replace).WithName("UpdateService").WithSummary("Replaces a service's spec.");
        services.MapDelete("/{name}", async (string cluster, string @namespace, string name, ClusterResolver clusters, CancellationToken ct) =>
            {
                await ServiceOperations.DeleteAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, ct);
                return TypedResults.NoContent();
            })
            .Audited("delete", "services").RequireClusterPermission("delete", "services").WithName("DeleteService").WithSummary("Deletes a service.");

        var configMaps = api.MapGroup("/configmaps").WithTags("ConfigMaps");
        configMaps.MapGet("", async (string cluster, string @namespace, ClusterResolver clusters, CancellationToken ct) =>
                TypedResults.Ok(await ConfigMapOperations.ListAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, ct)))
            .RequireClusterPermission("list", "configmaps").WithName("ListConfigMaps").WithSummary("Lists config maps.");
        configMaps.MapGet("/{name}", async (string cluster, string @namespace, string name, ClusterResolver clusters, CancellationToken ct) =>
                TypedResults.Ok(await ConfigMapOperations.GetAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, ct)))
            .RequireClusterPermission("get", "configmaps").WithName("GetConfigMap").WithSummary("Gets a config map.");
        configMaps.MapPost("", async Task<Results<Created<V1ConfigMap>, ValidationProblem>> (string cluster, string @namespace, DataRequest request, ClusterResolver clusters, CancellationToken ct) =>
            {
                if (Validate(request, requireName: true) is { IsValid: false } invalid)
                {
                    return invalid.Problem();
                }

                var created = await ConfigMapOperations.CreateAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, request.Name!, request.Data!, request.Labels, ct);
                return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster}/namespaces/{@namespace}/configmaps/{created.Metadata.Name}", created);
            })
            .Audited("create", "configmaps").RequirePermission(KindPermissions.ConfigMaps.Create).WithName("CreateConfigMap").WithSummary("Creates a config map.");
        configMaps.MapPut("/{name}", async Task<Results<Ok<V1ConfigMap>, ValidationProblem>> (string cluster, string @namespace, string name, DataRequest request, ClusterResolver clusters, CancellationToken ct) =>
            {
                if (Validate(request, requireName: false) is { IsValid: false } invalid)
                {
                    return invalid.Problem();
                }

                return TypedResults.Ok(await ConfigMapOperations.UpdateAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, request.Data!, ct));
            })
            .Audited("update", "configmaps").RequirePermission(KindPermissions.ConfigMaps.Replace).WithName("UpdateConfigMap").WithSummary("Replaces a config map's data.");
        configMaps.MapDelete("/{name}", async (string cluster, string @namespace, string name, ClusterResolver clusters, CancellationToken ct) =>
            {
                await ConfigMapOperations.DeleteAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, ct);
                return TypedResults.NoContent();
            })
            .Audited("delete", "configmaps").RequireClusterPermission("delete", "configmaps").WithName("DeleteConfigMap").WithSummary("Deletes a config map.");

        var secrets = api.MapGroup("/secrets").WithTags("Secrets");
        secrets.MapGet("", ListSecretsAsync).RequireClusterPermission("list", "secrets").WithName("ListSecrets").WithSummary("Lists secrets, values masked unless revealValues=true is allowed.");
        secrets.MapGet("/{name}", GetSecretAsync).RequireClusterPermission("get", "secrets").WithName("GetSecret").WithSummary("Gets a secret, values masked unless revealValues=true is allowed.");
        secrets.MapPost("", async Task<Results<Created<SecretView>, ValidationProblem>> (string cluster, string @namespace, DataRequest request, ClusterResolver clusters, CancellationToken ct) =>
            {
                if (Validate(request, requireName: true) is { IsValid: false } invalid)
                {
                    return invalid.Problem();
                }

                var created = await SecretOperations.CreateAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, request.Name!, request.Data!, request.Type ?? "Opaque", ct);
                return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster}/namespaces/{@namespace}/secrets/{created.Name}", created);
            })
            .Audited("create", "secrets").RequirePermission(KindPermissions.Secrets.Create).WithName("CreateSecret").WithSummary("Creates a secret; the answer masks its values.");
        secrets.MapPut("/{name}", async Task<Results<Ok<SecretView>, ValidationProblem>> (string cluster, string @namespace, string name, DataRequest request, ClusterResolver clusters, CancellationToken ct) =>
            {
                if (Validate(request, requireName: false) is { IsValid: false } invalid)
                {
                    return invalid.Problem();
                }

                return TypedResults.Ok(await SecretOperations.UpdateAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, request.Data!, ct));
            })
            .Audited("update", "secrets").RequirePermission(KindPermissions.Secrets.Replace).WithName("UpdateSecret").WithSummary("Replaces a secret's values; the answer masks them.");
        secrets.MapDelete("/{name}", async (string cluster, string @namespace, string name, ClusterResolver clusters, CancellationToken ct) =>
            {
                await SecretOperations.DeleteAsync((await clusters.ConnectAsync(cluster, ct)).Client, @namespace, name, ct);
                return TypedResults.NoContent();
            })
            .Audited("delete", "secrets").RequireClusterPermission("delete", "secrets").WithName("DeleteSecret").WithSummary("Deletes a secret.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SecretView>>, ProblemHttpResult>> ListSecretsAsync(
        string cluster, string @namespace, bool? revealValues, HttpContext http, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster, @namespace))
        {
            return Problems.Forbidden($"You may not read secret values in {cluster}/{@namespace}; ask without revealValues to see them masked.");
        }

        return TypedResults.Ok(await SecretOperations.ListAsync((await clusters.ConnectAsync(cluster, cancellationToken)).Client, @namespace, revealValues == true, cancellationToken));
    }

    internal static async Task<Results<Ok<SecretView>, ProblemHttpResult>> GetSecretAsync(
        string cluster, string @namespace, string name, bool? revealValues, HttpContext http, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        if (revealValues == true && !await MayRevealAsync(http, cluster, @namespace))
        {
            return Problems.Forbidden($"You may not read secret values in {cluster}/{@namespace}; ask without revealValues to see them masked.");
        }

        return TypedResults.Ok(await SecretOperations.GetAsync((await clusters.ConnectAsync(cluster, cancellationToken)).Client, @namespace, name, revealValues == true, cancellationToken));
    }

    internal static async Task<Results<Created<V1Service>, ValidationProblem>> CreateServiceAsync(
        string cluster, string @namespace, V1Service service, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("metadata.name", service.Metadata?.Name)
            .Require(service.Spec?.Ports is { Count: > 0 }, "spec.ports", "spec.ports needs at least one port.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var created = await ServiceOperations.CreateAsync((await clusters.ConnectAsync(cluster, cancellationToken)).Client, @namespace, service, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster}/namespaces/{@namespace}/services/{created.Metadata.Name}", created);
    }

    internal static async Task<Results<Ok<V1Service>, ValidationProblem>> UpdateServiceAsync(
        string cluster, string @namespace, string name, V1Service service, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require(service.Metadata?.Name is null || service.Metadata.Name == name, "metadata.name", $"metadata.name must be {name} or absent.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        service.Metadata ??= new V1ObjectMeta();
        service.Metadata.Name = name;
        return TypedResults.Ok(await ServiceOperations.UpdateAsync((await clusters.ConnectAsync(cluster, cancellationToken)).Client, @namespace, service, cancellationToken));
    }

    private static async Task<bool> MayRevealAsync(HttpContext http, string cluster, string ns)
    {
        var scope = await http.ClusterScopeAsync("get", "secret-values");
        return scope.CoversNamespace(cluster, ns);
    }

    private static Validation Validate(DataRequest request, bool requireName)
    {
        var validation = new Validation();
        if (requireName)
        {
            validation.Name("name", request.Name);
        }

        validation.Require(request.Data is not null, "data", "data is required: the keys and their values.");
        foreach (var key in request.Data?.Keys ?? Enumerable.Empty<string>())
        {
            validation.Require(key.Length is > 0 and <= 253 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), $"data[{key}]",
                $"Key '{key}' may contain letters, digits, '-', '_' and '.' only.");
        }

        return validation;
    }
}

/// <summary>A ConfigMap or Secret: its name, its keys and values (plain text), labels, and for secrets the type.</summary>
public sealed record DataRequest(string? Name, Dictionary<string, string>? Data, Dictionary<string, string>? Labels, string? Type);
