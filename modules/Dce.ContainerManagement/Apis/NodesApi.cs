using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A cluster's nodes in DCE's shapes: list, detail, JSON and replace, their pods, cordon and uncordon, labels,
/// annotations and taints (DCE's <c>{"labels": {...}}</c> or the plain map); drain is the module's own.
/// </summary>
public static class NodesApi
{
    private const string Resource = "nodes";

    internal static readonly ServedResource Served = new(ResourceKinds.Nodes, "nodes", Resource, ResourceRoutes.None, "Nodes");

    public static IEndpointRouteBuilder MapNodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/nodes").WithTags("Nodes");
        api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName("ListNodes").WithSummary("Lists a cluster's nodes with capacity, allocatable and usage.");
        api.MapGet("/{node}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetNode").WithSummary("Describes a node.");
        api.MapGet("/{name}/json", ResourceHandlers.GetJsonAsync).WithMetadata(Served).RequireClusterPermission("get", Resource)
            .WithName("GetNodeJSON").WithSummary("The node as the cluster holds it, in data.");
        api.MapPut("/{name}", ResourceHandlers.UpdateAsync).WithMetadata(Served).Audited("update", Resource).RequireClusterPermission("update", Resource)
            .WithName("UpdateNode").WithSummary("Replaces a node from {\"data\": \"<YAML or JSON>\"}.");
        api.MapGet("/{node}/pods", ListPodsAsync).RequireClusterPermission("get", Resource).WithName("ListPodsByNode").WithSummary("Lists the pods on a node.");
        api.MapPost("/{node}/cordon", CordonAsync).Audited("cordon", Resource).RequireClusterPermission("cordon", Resource)
            .WithName("CordonNode").WithSummary("Makes a node unschedulable.");
        api.MapPost("/{node}/uncordon", UncordonAsync).Audited("uncordon", Resource).RequireClusterPermission("cordon", Resource)
            .WithName("UnCordonNode").WithSummary("Makes a node schedulable again.");
        api.MapPost("/{node}/drain", DrainAsync).Audited("drain", Resource).RequireClusterPermission("drain", Resource)
            .WithName("DrainNode").WithSummary("Cordons a node and evicts its pods, except DaemonSet and mirror pods.");
        api.MapPut("/{node}/labels", SetLabelsAsync).Audited("update-labels", Resource).RequireClusterPermission("update", Resource)
            .WithName("PutNodeLabels").WithSummary("Replaces a node's labels: {\"labels\": {...}}.");
        api.MapPut("/{node}/annotations", SetAnnotationsAsync).Audited("update-annotations", Resource).RequireClusterPermission("update", Resource)
            .WithName("UpdateNodeAnnotations").WithSummary("Replaces a node's annotations: {\"annotations\": {...}}.");
        api.MapPut("/{node}/taints", SetTaintsAsync).Audited("update-taints", Resource).RequireClusterPermission("update", Resource)
            .WithName("PutNodeTaints").WithSummary("Replaces a node's taints: {\"taints\": [...]}.");
        app.MapGet(ApiPaths.V1Alpha1 + "/clusters/{cluster}/nodesummary", SummaryAsync).RequireClusterPermission("list", Resource).WithTags("Nodes")
            .WithName("ListClusterNodeSummary").WithSummary("Name, phase and schedulability of each node.");
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var summaries = (await NodeOperations.ListAsync(client, cancellationToken)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var nodes = await ResourceClient.ListAsync(client, ResourceKinds.Nodes, null, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(nodes.Select(n => NodeObjects.Shaped(n, summaries.GetValueOrDefault(n["metadata"]?["name"]?.ToString() ?? ""), cluster.Name)), cluster.Name));
    }

    internal static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken) =>
        DceJson.Ok(await ShapedAsync(await cluster.ClientAsync(cancellationToken), cluster.Name, node, cancellationToken));

    internal static async Task<IResult> SummaryAsync([AsParameters] TargetCluster cluster, CancellationToken cancellationToken)
    {
        var nodes = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Nodes, null, cancellationToken: cancellationToken);
        var data = nodes.OrderBy(n => n["metadata"]?["name"]?.ToString(), StringComparer.Ordinal).Select(n => (JsonNode)NodeObjects.Summary(n));
        return DceJson.Ok(new JsonObject { ["data"] = new JsonArray([.. data]) });
    }

    internal static async Task<IResult> ListPodsAsync([AsParameters] TargetCluster cluster, string node, [AsParameters] ObjectPage page, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var selector = string.IsNullOrEmpty(page.FieldSelector) ? $"spec.nodeName={node}" : $"spec.nodeName={node},{page.FieldSelector}";
        var pods = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Pods, null, page.LabelSelector, selector, cancellationToken);
        return DceJson.Ok(page.Of(pods, cluster.Name));
    }

    internal static async Task<IResult> CordonAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        await NodeOperations.CordonAsync(client, node, cancellationToken);
        return DceJson.Ok(await ShapedAsync(client, cluster.Name, node, cancellationToken));
    }

    internal static async Task<IResult> UncordonAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        await NodeOperations.UncordonAsync(client, node, cancellationToken);
        return DceJson.Ok(await ShapedAsync(client, cluster.Name, node, cancellationToken));
    }

    internal static async Task<Ok<NodeDrainResult>> DrainAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken) =>
        TypedResults.Ok(await NodeOperations.DrainAsync(await cluster.ClientAsync(cancellationToken), node, cancellationToken));

    internal static Task<IResult> SetLabelsAsync([AsParameters] TargetCluster cluster, string node, JsonElement body, CancellationToken cancellationToken) =>
        SetMapAsync(cluster, node, body, "labels", valuesAreLabels: true, NodeOperations.SetLabelsAsync, cancellationToken);

    internal static Task<IResult> SetAnnotationsAsync([AsParameters] TargetCluster cluster, string node, JsonElement body, CancellationToken cancellationToken) =>
        SetMapAsync(cluster, node, body, "annotations", valuesAreLabels: false, NodeOperations.SetAnnotationsAsync, cancellationToken);

    internal static async Task<IResult> SetTaintsAsync([AsParameters] TargetCluster cluster, string node, JsonElement body, CancellationToken cancellationToken)
    {
        var list = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("taints", out var wrapped) ? wrapped : body;
        List<V1Taint>? taints = null;
        try
        {
            taints = list.ValueKind == JsonValueKind.Array ? list.Deserialize<List<V1Taint>>(JsonOptions) : null;
        }
        catch (JsonException)
        {
        }

        var validation = new Validation().Require(taints is not null, "taints", "taints is a list of {\"key\", \"value\", \"effect\"}.");
        foreach (var taint in taints ?? [])
        {
            validation.Require(!string.IsNullOrEmpty(taint.Key) && KubernetesNames.IsLabelKey(taint.Key), "taints", $"Taint key '{taint.Key}' is not a valid key.")
                .Require(taint.Effect is "NoSchedule" or "PreferNoSchedule" or "NoExecute", "taints", $"Taint effect of '{taint.Key}' is NoSchedule, PreferNoSchedule or NoExecute.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var changed = await NodeOperations.SetTaintsAsync(await cluster.ClientAsync(cancellationToken), node, taints!, cancellationToken);
        return DceJson.Ok(new JsonObject { ["taints"] = JsonNode.Parse(k8s.KubernetesJson.Serialize(changed.Spec?.Taints ?? [])) });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<IResult> SetMapAsync(TargetCluster cluster, string node, JsonElement body, string field, bool valuesAreLabels,
        Func<k8s.IKubernetes, string, IReadOnlyDictionary<string, string>, CancellationToken, Task<V1Node>> change, CancellationToken cancellationToken)
    {
        // DCE sends {"labels": {...}}; the plain map is the module's earlier form.
        var source = body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : body;
        var validation = new Validation().Require(source.ValueKind == JsonValueKind.Object, field, $"{field} is an object of keys and string values.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (source.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in source.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                validation.Require(value is not null, $"{field}[{property.Name}]", $"The value of '{property.Name}' is a string.")
                    .Require(KubernetesNames.IsLabelKey(property.Name), $"{field}[{property.Name}]", $"'{property.Name}' is not a valid key.");
                if (valuesAreLabels && value is not null)
                {
                    validation.Require(KubernetesNames.IsLabelValue(value), $"{field}[{property.Name}]", $"The value of '{property.Name}' is not a valid label value.");
                }

                map[property.Name] = value ?? "";
            }
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        // The patched node answers: one call to the cluster, as short as the change itself.
        var changed = await change(await cluster.ClientAsync(cancellationToken), node, map, cancellationToken);
        var values = (valuesAreLabels ? changed.Metadata.Labels : changed.Metadata.Annotations) ?? new Dictionary<string, string>();
        return DceJson.Ok(new JsonObject { [field] = new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value)))) });
    }

    private static async Task<JsonObject> ShapedAsync(k8s.IKubernetes client, string cluster, string node, CancellationToken cancellationToken)
    {
        var summary = await NodeOperations.GetAsync(client, node, cancellationToken);
        var raw = await ResourceClient.GetAsync(client, ResourceKinds.Nodes, null, node, cancellationToken);
        return NodeObjects.Shaped(raw, summary, cluster);
    }
}
