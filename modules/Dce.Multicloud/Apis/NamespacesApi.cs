using System.Text.Json.Nodes;
using Dce.Kubernetes.Names;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Instances;
using Dce.ServiceDefaults.Api;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud.Apis;

/// <summary>
/// The namespaces of an instance's control plane, where its templates and policies live; Karmada's own (<c>karmada-*</c>,
/// <c>kube-*</c>) are not shown. Creating or deleting one needs a grant on the whole instance.
/// </summary>
internal static class NamespacesApi
{
    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);

    public static IEndpointRouteBuilder MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var namespaces = app.MapGroup($"{KairshipPaths.Instance}/namespaces").WithTags("Namespaces");
        namespaces.MapGet("", ListAsync).WithName("ListNamespaces").WithSummary("Lists the instance's namespaces the caller may see.")
            .RequireInstanceAccess("list", "namespaces", Reach.Anywhere);
        namespaces.MapPost("", CreateAsync).WithName("CreateNamespace").WithSummary("Creates a namespace from {\"data\": \"<YAML or JSON>\"}.")
            .ProducesValidationProblem().Audited("create", "namespaces").RequireInstanceAccess("create", "namespaces", Reach.Instance);
        namespaces.MapGet("/{name}", GetAsync).WithName("GetNamespace").WithSummary("A namespace.")
            .RequireInstanceAccess("get", "namespaces", Reach.Anywhere);
        namespaces.MapDelete("/{name}", DeleteAsync).WithName("DeleteNamespace").WithSummary("Deletes a namespace and everything in it.")
            .Audited("delete", "namespaces").RequireInstanceAccess("delete", "namespaces", Reach.Instance);
        return app;
    }

    public static bool IsKarmadaOwn(string name) => name.StartsWith("karmada-", StringComparison.Ordinal) || name.StartsWith("kube-", StringComparison.Ordinal);

    private static async Task<IResult> ListAsync(HttpContext http, ControlPlanes planes, string instance, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken)
    {
        var list = query.ToListQuery();
        if (list.ValidationProblem(ObjectFields.Sorting) is { } invalid)
        {
            return invalid;
        }

        var scope = http.InstanceScope();
        var items = await ResourceClient.ListAsync(planes.Find(instance)!.Client, Namespaces, null, cancellationToken: cancellationToken);
        return DceJson.Of(items.Where(n => !IsKarmadaOwn(ObjectFields.Name(n)) && scope.Covers(ObjectFields.Name(n))).Select(Shown).ToPage(list, ObjectFields.Sorting));
    }

    private static async Task<IResult> GetAsync(HttpContext http, ControlPlanes planes, string instance, string name, CancellationToken cancellationToken)
    {
        if (!http.InstanceScope().Covers(name))
        {
            return TypedResults.Problem($"You may not get namespace {name} of instance {instance}.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return DceJson.Ok(new JsonObject { ["namespace"] = Shown(await ResourceClient.GetAsync(planes.Find(instance)!.Client, Namespaces, null, name, cancellationToken)) });
    }

    private static async Task<IResult> CreateAsync(ControlPlanes planes, string instance, DataBody body, CancellationToken cancellationToken)
    {
        var item = string.IsNullOrWhiteSpace(body.Data) ? null : ObjectDocument.Parse(body.Data);
        var name = item?["metadata"]?["name"]?.GetValue<string>();
        if (item is null || !KubernetesNames.IsLabel(name) || IsKarmadaOwn(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["data.metadata.name"] = ["name the namespace: a DNS label that does not start with karmada- or kube-."],
            });
        }

        item["apiVersion"] = "v1";
        item["kind"] = "Namespace";
        return DceJson.Ok(new JsonObject { ["namespace"] = Shown(await ResourceClient.CreateAsync(planes.Find(instance)!.Client, Namespaces, null, item, cancellationToken)) });
    }

    private static async Task<IResult> DeleteAsync(ControlPlanes planes, string instance, string name, CancellationToken cancellationToken)
    {
        if (IsKarmadaOwn(name))
        {
            return TypedResults.Problem($"Namespace {name} belongs to Karmada itself.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        await ResourceClient.DeleteAsync(planes.Find(instance)!.Client, Namespaces, null, name, cancellationToken);
        return DceJson.Empty();
    }

    private static JsonObject Shown(JsonObject item)
    {
        (item["metadata"] as JsonObject)?.Remove("managedFields");
        return item;
    }
}
