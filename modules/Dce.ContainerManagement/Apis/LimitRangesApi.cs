using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Namespaces;
using Dce.Kubernetes.Quantities;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A namespace's LimitRanges: DCE's list, create, read, replace and delete by name come from the generic endpoints
/// (<see cref="Served"/>); here the form that sets the module's own <c>limits</c> and the range in effect.
/// </summary>
public static class LimitRangesApi
{
    private const string Resource = NamespacesApi.LimitRangeResource;

    internal static readonly ServedResource Served = new(ResourceKinds.LimitRanges, "limitranges", Resource,
        ResourceRoutes.Crud | ResourceRoutes.ListInCluster, "LimitRanges");

    public static IEndpointRouteBuilder MapLimitRangesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces/{namespace}").WithTags("LimitRanges");
        api.MapPut("/limitranges", SetLimitsAsync).Audited("update", Resource).RequireClusterPermission("update", Resource)
            .WithName("SetLimitRangeItems").WithSummary("Sets the namespace's default and maximum container resources.");
        api.MapGet("/limitranges:compute", ComputeAsync).RequireClusterPermission("get", Resource)
            .WithName("ComputeLimitRange").WithSummary("The limits in effect by type: the lowest max, the highest min, the first default of the namespace's LimitRanges.");
        return app;
    }

    internal static async Task<Results<Ok<V1LimitRange>, ValidationProblem>> SetLimitsAsync(
        [AsParameters] TargetCluster cluster, string @namespace, SetLimitRangeRequest request, MutationRecord record, CancellationToken cancellationToken)
    {
        var limits = request.Limits ?? [];
        var validation = new Validation().LimitItems(limits);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var range = await NamespaceOperations.SetLimitRangeAsync(client, @namespace, limits, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, NamespaceOperations.LimitRangeName, "updated");
        return TypedResults.Ok(range);
    }

    internal static async Task<IResult> ComputeAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken)
    {
        var ranges = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, cancellationToken: cancellationToken);
        var items = ranges.SelectMany(r => r["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>()
            .GroupBy(i => i["type"]?.ToString() ?? "Container", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (JsonNode)new JsonObject
            {
                ["type"] = g.Key,
                ["max"] = Combine(g.Select(i => i["max"]), lowest: true),
                ["min"] = Combine(g.Select(i => i["min"]), lowest: false),
                ["default"] = g.Select(i => i["default"]).OfType<JsonObject>().FirstOrDefault()?.DeepClone(),
                ["defaultRequest"] = g.Select(i => i["defaultRequest"]).OfType<JsonObject>().FirstOrDefault()?.DeepClone(),
                ["maxLimitRequestRatio"] = Combine(g.Select(i => i["maxLimitRequestRatio"]), lowest: true),
            });
        return DceJson.Ok(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = @namespace, ["namespace"] = @namespace, ["cluster"] = cluster.Name },
            ["spec"] = new JsonObject { ["limits"] = new JsonArray([.. items]) },
        });
    }

    private static JsonObject? Combine(IEnumerable<JsonNode?> maps, bool lowest)
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

        return best.Count == 0 ? null : new JsonObject(best.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)b.Value.Text)));
    }
}

/// <summary>A namespace's LimitRange items.</summary>
public sealed record SetLimitRangeRequest(List<V1LimitRangeItem>? Limits);
