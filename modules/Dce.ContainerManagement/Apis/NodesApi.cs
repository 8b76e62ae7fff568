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
        api.MapPost("/{node}/cordon", CordonAsync).Audited("cordon", Resource).RequireClusterPermission("cordon", Resource)
            .WithName("CordonNode").WithSummary("Makes a node unschedulable.");
        api.MapPost("/{node}/uncordon", UncordonAsync).Audited("uncordon", Resource).RequireClusterPermission("cordon", Resource)
            .WithName("UnCordonNode").WithSummary("Makes a node schedulable again.");
        api.MapPost("/{node}/drain", DrainAsync).Audited("drain", Resource).RequireClusterPermission("drain", Resource)
            .WithName("DrainNode").WithSummary("Cordons a node and evicts its pods, except DaemonSet and mirror pods.");
        api.MapPut("/{node}/labels", SetLabelsAsync).Audited("update-labels", Resource).RequireClusterPermission("update", Resource)
            .WithName("PutNodeLabels").WithSummary("Replaces a node's labels.");
        api.MapPut("/{node}/annotations", SetAnnotationsAsync).Audited("update-annotations", Resource).RequireClusterPermission("update", Resource)
            .WithName("UpdateNodeAnnotations").WithSummary("Replaces a node's annotations.");
        api.MapPut("/{node}/taints", SetTaintsAsync).Audited("update-taints", Resource).RequireClusterPermission("update", Resource)
            .WithName("PutNodeTaints").WithSummary("Replaces a node's taints.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<NodeSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] TargetCluster cluster, [AsParameters] ListQuery query, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var nodes = await NodeOperations.ListAsync(await cluster.ClientAsync(cancellationToken), cancellationToken);
        return TypedResults.Ok(nodes.ToPage(query, Sorting));
    }

    internal static async Task<Ok<NodeSummary>> GetAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken) =>
        TypedResults.Ok(await NodeOperations.GetAsync(await cluster.ClientAsync(cancellationToken), node, cancellationToken));

    internal static async Task<Ok<IReadOnlyList<V1Pod>>> ListPodsAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PodOperations.ListAsync(await cluster.ClientAsync(cancellationToken), null, nodeName: node, cancellationToken: cancellationToken));

    internal static async Task<NoContent> CordonAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken)
    {
        await NodeOperations.CordonAsync(await cluster.ClientAsync(cancellationToken), node, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> UncordonAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken)
    {
        await NodeOperations.UncordonAsync(await cluster.ClientAsync(cancellationToken), node, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<NodeDrainResult>> DrainAsync([AsParameters] TargetCluster cluster, string node, CancellationToken cancellationToken) =>
        TypedResults.Ok(await NodeOperations.DrainAsync(await cluster.ClientAsync(cancellationToken), node, cancellationToken));

    internal static Task<Results<NoContent, ValidationProblem>> SetLabelsAsync(
        [AsParameters] TargetCluster cluster, string node, Dictionary<string, string> labels, CancellationToken cancellationToken) =>
        SetMapAsync(cluster, labels, valuesAreLabels: true, client => NodeOperations.SetLabelsAsync(client, node, labels, cancellationToken), cancellationToken);

    internal static Task<Results<NoContent, ValidationProblem>> SetAnnotationsAsync(
        [AsParameters] TargetCluster cluster, string node, Dictionary<string, string> annotations, CancellationToken cancellationToken) =>
        SetMapAsync(cluster, annotations, valuesAreLabels: false, client => NodeOperations.SetAnnotationsAsync(client, node, annotations, cancellationToken), cancellationToken);

    internal static async Task<Results<NoContent, ValidationProblem>> SetTaintsAsync(
        [AsParameters] TargetCluster cluster, string node, List<V1Taint> taints, CancellationToken cancellationToken)
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

        await NodeOperations.SetTaintsAsync(await cluster.ClientAsync(cancellationToken), node, taints, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetMapAsync(
        TargetCluster cluster, Dictionary<string, string> map, bool valuesAreLabels, Func<k8s.IKubernetes, Task> change, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        foreach (var (key, value) in map)
        {
            validation.Require(KubernetesNames.IsLabelKey(key), key, $"'{key}' is not a valid key.");
            if (valuesAreLabels)
            {
                validation.Require(KubernetesNames.IsLabelValue(value), key, $"The value of '{key}' is not a valid label value.");
            }
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await change(await cluster.ClientAsync(cancellationToken));
        return TypedResults.NoContent();
    }
}
