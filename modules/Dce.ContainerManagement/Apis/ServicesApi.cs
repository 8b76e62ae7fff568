using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Mvc;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The Services of a namespace at DCE's paths and in DCE's shapes: created and replaced from DCE's
/// <c>{"data": "&lt;YAML or JSON&gt;"}</c> or from the Service object itself (the module's form), patched, listed by type.
/// </summary>
public static class ServicesApi
{
    internal const string Resource = "services";

    internal static readonly ServedResource Served = new(ResourceKinds.Services, "services", Resource, Crud | Patch | ListInCluster, "Services");

    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithMetadata(Served).WithTags("Services");
        cluster.MapGet("/services", ListInClusterAsync).WithName("ListClusterServices").WithSummary("Lists the services of every namespace of the cluster the caller may see.");
        var api = cluster.MapGroup("/namespaces/{namespace}");
        api.MapGet("/services", ListAsync).RequireClusterPermission("list", Resource).WithName("ListServices").WithSummary("Lists services: paged, sorted, by name, type or selector.");
        api.MapGet("/services/{name}", ResourceHandlers.GetAsync).RequireClusterPermission("get", Resource).WithName("GetService").WithSummary("A service.");
        api.MapGet("/services/{name}/json", ResourceHandlers.GetJsonAsync).RequireClusterPermission("get", Resource).WithName("GetServiceJSON").WithSummary("The service as the cluster holds it, as JSON text in data.");
        api.MapPost("/services", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateService")
            .WithSummary("Creates a service from {\"data\": \"<YAML or JSON>\"} or from the Service object.");
        api.MapPut("/services/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateService")
            .WithSummary("Replaces a service with {\"data\": \"<YAML or JSON>\"} or the Service object.");
        api.MapPatch("/services/{name}", ResourceHandlers.PatchAsync).Audited("patch", Resource).RequireClusterPermission("patch", Resource).WithName("PatchService")
            .WithSummary("Patches a service: {\"data\": \"<patch>\"} (strategic merge, or JSON patch when it is an array).");
        api.MapDelete("/services/{name}", ResourceHandlers.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteService").WithSummary("Deletes a service.");
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ObjectPage page,
        [FromQuery(Name = "type")] string[]? types, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var items = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(ResourceHandlers.Stamped(items, cluster.Name).Where(s => OfTypes(s, types))));
    }

    internal static async Task<IResult> ListInClusterAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page,
        [FromQuery(Name = "type")] string[]? types, HttpContext http, CancellationToken cancellationToken)
    {
        var answer = await ResourceHandlers.ListInClusterAsync(Served, cluster, page with { Page = 1, PageSize = -1 }, http, cancellationToken);
        if (answer is not DceJson { Value: JsonObject all })
        {
            return answer;
        }

        return DceJson.Ok(page.Of((all["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).Where(s => OfTypes(s, types))));
    }

    internal static async Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, string @namespace, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await ResourceHandlers.CreateAsync(Served, cluster, data, http, record, cancellationToken);
        }

        var (service, problem) = ServiceForm(body);
        if (problem is not null)
        {
            return problem;
        }

        var validation = new Validation().Name("metadata.name", service!.Metadata?.Name)
            .Require(service.Spec?.Ports is { Count: > 0 }, "spec.ports", "spec.ports needs at least one port.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var created = await ServiceOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, service, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, created.Metadata.Name, "created");
        return new DceJson(new JsonObject { ["data"] = KubernetesJson.Serialize(created) }, StatusCodes.Status201Created);
    }

    internal static async Task<IResult> UpdateAsync([AsParameters] TargetCluster cluster, string @namespace, string name, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await ResourceHandlers.UpdateAsync(Served, cluster, name, data, http, record, cancellationToken);
        }

        var (service, problem) = ServiceForm(body);
        if (problem is not null)
        {
            return problem;
        }

        var validation = new Validation().Require(service!.Metadata?.Name is null || service.Metadata.Name == name, "metadata.name", $"metadata.name must be {name} or absent.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        service.Metadata ??= new V1ObjectMeta();
        service.Metadata.Name = name;
        service.Spec ??= new V1ServiceSpec();
        var replaced = await ServiceOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, service, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "updated");
        return DceJson.Ok(new JsonObject { ["data"] = KubernetesJson.Serialize(replaced) });
    }

    private static (V1Service? Service, IResult? Problem) ServiceForm(JsonElement body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Service>(body.GetRawText()) is { } service
                ? (service, null)
                : (null, new Validation().Require(false, "body", "The body is empty.").Problem());
        }
        catch (JsonException e)
        {
            return (null, new Validation().Require(false, "body", $"The body is neither DCE's {{\"data\": \"<YAML or JSON>\"}} nor a Service: {e.Message}").Problem());
        }
    }

    private static bool OfTypes(JsonObject service, string[]? types) =>
        types is not { Length: > 0 } || types.Any(t => string.Equals(Plain(t), Plain(service["spec"]?["type"]?.ToString() ?? "ClusterIP"), StringComparison.OrdinalIgnoreCase));

    private static string Plain(string type) => type.Replace("_", "", StringComparison.Ordinal);
}
