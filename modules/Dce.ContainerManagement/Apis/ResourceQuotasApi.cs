using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Namespaces;
using Dce.Kubernetes.Quantities;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A namespace's ResourceQuota. Lists, reads and JSON come from the generic endpoints (<see cref="Served"/>); every
/// write here, DCE's <c>POST</c> and <c>PUT {name}</c> of <c>{"data": ...}</c> as the form's <c>PUT</c>, is the one
/// quota the module manages (<c>quota</c>, <c>spec.hard</c> only) and may not exceed what the workspace has left on the
/// cluster (<see cref="NamespaceQuotaCeiling"/>); all of them need <c>update resourcequotas</c>.
/// </summary>
public static class ResourceQuotasApi
{
    private const string Resource = NamespacesApi.QuotaResource;

    internal static readonly ServedResource Served = new(ResourceKinds.ResourceQuotas, "resourcequotas", Resource,
        ResourceRoutes.List | ResourceRoutes.Get | ResourceRoutes.Json, "ResourceQuotas");

    public static IEndpointRouteBuilder MapResourceQuotasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}").WithTags("ResourceQuotas");
        api.MapPost("/resourcequotas", CreateAsync).Audited("create", Resource).RequireClusterPermission("update", Resource)
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
            .WithName("CreateResourceQuota").WithSummary("Creates the namespace's quota from {\"data\": \"<YAML or JSON>\"}, within the workspace's quota.");
        api.MapPut("/resourcequotas/{name}", ReplaceAsync).Audited("update", Resource).RequireClusterPermission("update", Resource)
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes))
            .WithName("UpdateResourceQuota").WithSummary("Replaces the namespace's quota from {\"data\": \"<YAML or JSON>\"}, within the workspace's quota.");
        api.MapPut("/resourcequotas", SetHardAsync).Audited("update", Resource).RequireClusterPermission("update", Resource)
            .WithName("SetResourceQuotaHard").WithSummary("Sets the namespace's hard limits; they may not exceed what its workspace has left on the cluster.");
        api.MapGet("/resourcequotas:compute", ComputeAsync).RequireClusterPermission("get", Resource)
            .WithName("ComputeResourceQuota").WithSummary("The quota in effect: the lowest hard limit of each resource across the namespace's quotas, and what is used.");
        return app;
    }

    internal static Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, string @namespace, DataBody body, GlobalManagementClient globalManagement,
        MutationRecord record, CancellationToken cancellationToken) =>
        WriteAsync(cluster, @namespace, null, body, globalManagement, record, cancellationToken);

    internal static Task<IResult> ReplaceAsync([AsParameters] TargetCluster cluster, string @namespace, string name, DataBody body, GlobalManagementClient globalManagement,
        MutationRecord record, CancellationToken cancellationToken) =>
        WriteAsync(cluster, @namespace, name, body, globalManagement, record, cancellationToken);

    private static async Task<IResult> WriteAsync(TargetCluster cluster, string ns, string? name, DataBody body, GlobalManagementClient globalManagement,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (obj, problem) = ObjectBody.Read(Served, body, ns, routeName: name);
        if (problem is not null)
        {
            return problem;
        }

        var spec = obj!["spec"] as JsonObject;
        var hard = (spec?["hard"] as JsonObject ?? []).ToDictionary(h => h.Key, h => h.Value?.ToString() ?? "", StringComparer.Ordinal);
        var validation = new Validation()
            .Require(obj["metadata"]?["name"]?.ToString() == NamespaceOperations.QuotaName, "data.metadata.name",
                $"The module manages one ResourceQuota per namespace, named {NamespaceOperations.QuotaName}; name it {NamespaceOperations.QuotaName}.")
            .Require(spec is null || spec.All(p => p.Key == "hard"), "data.spec",
                "A namespace quota sets spec.hard only; remove spec.scopes and spec.scopeSelector.")
            .Hard(hard, "data.spec.hard");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var workspace = await globalManagement.WorkspaceQuotaAsync(cluster.Name, ns, cancellationToken);
        var exceeded = await NamespaceQuotaCeiling.CheckAsync(client, ns, hard, workspace, cancellationToken);
        if (exceeded.Count > 0)
        {
            return TypedResults.ValidationProblem(exceeded.ToDictionary(e => $"data.spec.hard.{e.Key}", e => e.Value),
                title: "The quota exceeds the workspace's quota; nothing was changed.");
        }

        JsonObject written;
        if (name is null)
        {
            written = await ResourceClient.CreateAsync(client, Served.Kind, ns, obj, cancellationToken);
        }
        else
        {
            if (obj["metadata"]?["resourceVersion"] is null)
            {
                var current = await ResourceClient.GetAsync(client, Served.Kind, ns, name, cancellationToken);
                obj["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.ToString();
            }

            written = await ResourceClient.ReplaceAsync(client, Served.Kind, ns, name, obj, cancellationToken);
        }

        ResourceHandlers.Changed(record, Served, cluster.Name, ns, NamespaceOperations.QuotaName, name is null ? "created" : "updated");
        return DceJson.Ok(new JsonObject { ["data"] = written.ToJsonString() });
    }

    internal static async Task<Results<Ok<V1ResourceQuota>, ValidationProblem>> SetHardAsync(
        [AsParameters] TargetCluster cluster, string @namespace, SetQuotaRequest request, GlobalManagementClient globalManagement, MutationRecord record,
        CancellationToken cancellationToken)
    {
        var hard = request.Hard ?? [];
        var validation = new Validation().Hard(hard);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var workspace = await globalManagement.WorkspaceQuotaAsync(cluster.Name, @namespace, cancellationToken);
        var exceeded = await NamespaceQuotaCeiling.CheckAsync(client, @namespace, hard, workspace, cancellationToken);
        if (exceeded.Count > 0)
        {
            return TypedResults.ValidationProblem(exceeded, title: "The quota exceeds the workspace's quota; nothing was changed.");
        }

        var quota = await NamespaceOperations.SetQuotaAsync(client, @namespace, hard, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, NamespaceOperations.QuotaName, "updated");
        return TypedResults.Ok(quota);
    }

    internal static async Task<IResult> ComputeAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken)
    {
        var quotas = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, cancellationToken: cancellationToken);
        var hard = Combine(quotas.Select(q => q["spec"]?["hard"] as JsonObject), lowest: true);
        var used = Combine(quotas.Select(q => q["status"]?["used"] as JsonObject), lowest: false);
        return DceJson.Ok(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = @namespace, ["namespace"] = @namespace, ["cluster"] = cluster.Name },
            ["spec"] = new JsonObject { ["hard"] = hard.DeepClone() },
            ["status"] = new JsonObject { ["hard"] = hard, ["used"] = used },
        });
    }

    /// <summary>Per resource, the lowest (limits) or highest (usage) quantity across the maps.</summary>
    private static JsonObject Combine(IEnumerable<JsonObject?> maps, bool lowest)
    {
        var best = new SortedDictionary<string, (decimal Value, string Text)>(StringComparer.Ordinal);
        foreach (var (key, value) in maps.OfType<JsonObject>().SelectMany(m => m))
        {
            var text = value?.ToString() ?? "";
            var amount = Quantity.Parse(text).Value;
            if (!best.TryGetValue(key, out var current) || (lowest ? amount < current.Value : amount > current.Value))
            {
                best[key] = (amount, text);
            }
        }

        return new JsonObject(best.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)b.Value.Text)));
    }
}

/// <summary>A namespace's hard limits by resource name (<c>requests.cpu</c>, <c>limits.memory</c>, <c>pods</c>...).</summary>
public sealed record SetQuotaRequest(Dictionary<string, string>? Hard);
