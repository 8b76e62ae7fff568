using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>A cluster's nodes: capacity, usage and pods; cordon, drain, labels, annotations and taints.</summary>
public static class NodesApi
{
    private const string Resource = "nodes";

    private static readonly ListSorting<NodeSummary> Sorting = new ListSorting<NodeSummary>("name", n => n.Name, n => n.Name)
        .By("createdAt", n => n.CreationTimestamp);

    public static IEndpointRouteBuilder MapNodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/nodes").WithTags("Nodes");
        api.MapGet("", ListAsync).RequireClusterPermission("list", Resource).WithName("ListNodes").WithSummary("Lists a cluster's nodes with capacity, allocatable and usage.");
        api.MapGet("/{node}", GetAsync).RequireClusterPermission("get", Resource).WithName("GetNode").WithSummary("Describes a node.");
        api.MapGet("/{node}/pods", ListPodsAsync).RequireClusterPermission("get", Resource).WithName("ListPodsByNode").WithSummary("Lists the pods on a node.");
        api.MapPost("/{node}/cordon", (string cluster, string node, ClusterResolver clusters, CancellationToken ct) =>
                ChangeAsync(cluster, clusters, client => NodeOperations.CordonAsync(client, node, ct), ct))
            .Audited("cordon", Resource).RequireClusterPermission("cordon", Resource).WithName("CordonNode").WithSummary("Makes a node unschedulable.");
        api.MapPost("/{node}/uncordon", (string cluster, string node, ClusterResolver clusters, CancellationToken ct) =>
                ChangeAsync(cluster, clusters, client => NodeOperations.UncordonAsync(client, node, ct), ct))
            .Audited("uncordon", Resource).RequireClusterPermission("cordon", Resource).WithName("UnCordonNode").WithSummary("Makes a node schedulable again.");
        api.MapPost("/{node}/drain", DrainAsync).Audited("drain", Resource).RequireClusterPermission("drain", Resource)
            .WithName("DrainNode").WithSummary("Cordons a node and evicts its pods, except DaemonSet and mirror pods.");
        api.MapPut("/{node}/labels", (string cluster, string node, Dictionary<string, string> labels, ClusterResolver clusters, CancellationToken ct) =>
                SetMapAsync(cluster, labels, "labels", clusters, client => NodeOperations.SetLabelsAsync(client, node, labels, ct), ct))
            .Audited("update-labels", Resource).RequireClusterPermission("update", Resource).WithName("PutNodeLabels").WithSummary("Replaces a node's labels.");
        api.MapPut("/{node}/annotations", (string cluster, string node, Dictionary<string, string> annotations, ClusterResolver clusters, CancellationToken ct) =>
                SetMapAsync(cluster, annotations, null, clusters, client => NodeOperations.SetAnnotationsAsync(client, node, annotations, ct), ct))
            .Audited("update-annotations", Resource).RequireClusterPermission("update", Resource).WithName("UpdateNodeAnnotations").WithSummary("Replaces a node's annotations.");
        api.MapPut("/{node}/taints", SetTaintsAsync).Audited("update-taints", Resource).RequireClusterPermission("update", Resource)
            .WithName("PutNodeTaints").WithSummary("Replaces a node's taints.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<NodeSummary>>, ProblemHttpResult>> ListAsync(
        string cluster, [AsParameters] ListQuery query, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var nodes = await NodeOperations.ListAsync(connection.Client, cancellationToken);
        return TypedResults.Ok(nodes.ToPage(query, Sorting));
    }

    internal static async Task<Ok<NodeSummary>> GetAsync(string cluster, string node, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        return TypedResults.Ok(await NodeOperations.GetAsync(connection.Client, node, cancellationToken));
    }

    internal static async Task<Ok<IReadOnlyList<V1Pod>>> ListPodsAsync(string cluster, string node, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        return TypedResults.Ok(await PodOperations.ListAsync(connection.Client, null, nodeName: node, cancellationToken: cancellationToken));
    }

    internal static async Task<Ok<NodeDrainResult>> DrainAsync(string cluster, string node, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        return TypedResults.Ok(await NodeOperations.DrainAsync(connection.Client, node, cancellationToken));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> SetTaintsAsync(
        string cluster, string node, List<V1Taint> taints, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        foreach (var taint in taints)
        {
            validation.Require(!string.IsNullOrEmpty(taint.Key) && KubernetesNames.IsLabelKey(taint.Key), "taints", $"Taint key '{taint.Key}' is not a valid key.")
                .Require(taint.Effect is "NoSchedule" or "PreferNoSchedule" or "NoExecute", "taints", $"Taint effect of '{taint.Key}' is NoSchedule, PreferNoSchedule or NoExecute.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        await NodeOperations.SetTaintsAsync(connection.Client, node, taints, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ChangeAsync(string cluster, ClusterResolver clusters, Func<k8s.IKubernetes, Task> change, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        await change(connection.Client);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetMapAsync(
        string cluster, Dictionary<string, string> map, string? labelField, ClusterResolver clusters, Func<k8s.IKubernetes, Task> change, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        foreach (var (key, value) in map)
        {
            validation.Require(KubernetesNames.IsLabelKey(key), key, $"'{key}' is not a valid key.");
            if (labelField is not null)
            {
                validation.Require(KubernetesNames.IsLabelValue(value), key, $"The value of '{key}' is not a valid label value.");
            }
        }

        return validation.IsValid ? await ChangeAsync(cluster, clusters, change, cancellationToken) : validation.Problem();
    }
}
