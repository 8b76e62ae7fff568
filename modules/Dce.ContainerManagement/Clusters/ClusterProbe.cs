using System.Net;
using System.Text.Json;
using Dce.ContainerManagement.Model;
using Dce.Kubernetes.Quantities;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Asks one cluster for its version, nodes, pod and workload counts and usage, and concludes its phase.</summary>
public static class ClusterProbe
{
    public static async Task<ClusterSummary> ProbeAsync(IKubernetes client, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken);
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
            var pods = await CountAsync((limit, next) => client.CoreV1.ListPodForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken));
            var workloads =
                await CountAsync((limit, next) => client.AppsV1.ListDeploymentForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken)) +
                await CountAsync((limit, next) => client.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken)) +
                await CountAsync((limit, next) => client.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken)) +
                await CountAsync((limit, next) => client.BatchV1.ListJobForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken)) +
                await CountAsync((limit, next) => client.BatchV1.ListCronJobForAllNamespacesAsync(limit: limit, continueParameter: next, cancellationToken: cancellationToken));
            var (cpuUsage, memoryUsage) = await UsageAsync(client, cancellationToken);
            var ready = nodes.Items.Count(IsReady);
            var conditions = new List<ClusterCondition>
            {
                new("Ready", "True", "APIServerAnswers", $"Kubernetes {version.GitVersion} answers.", now),
                new("NodesReady", ready == nodes.Items.Count ? "True" : "False", ready == nodes.Items.Count ? "AllNodesReady" : "NodesNotReady",
                    $"{ready} of {nodes.Items.Count} nodes are Ready.", now),
            };
            return new ClusterSummary(nameof(ClusterPhase.Running), version.GitVersion, nodes.Items.Count, ready, pods, workloads,
                new ResourceUsage(Sum(nodes, n => n.Status?.Capacity, "cpu"), Sum(nodes, n => n.Status?.Allocatable, "cpu"), cpuUsage),
                new ResourceUsage(Sum(nodes, n => n.Status?.Capacity, "memory"), Sum(nodes, n => n.Status?.Allocatable, "memory"), memoryUsage),
                conditions, now);
        }
        catch (Exception exception) when (ClusterFailure.TryDescribe(exception, out var phase, out var message) && !cancellationToken.IsCancellationRequested)
        {
            return Failed(phase, message, now);
        }
    }

    public static ClusterSummary Failed(ClusterPhase phase, string message, DateTimeOffset now) =>
        new(phase.ToString(), null, 0, 0, 0, 0, ResourceUsage.None, ResourceUsage.None,
            [new ClusterCondition("Ready", phase == ClusterPhase.Failed ? "False" : "Unknown", phase == ClusterPhase.Failed ? "CredentialsRefused" : "Unreachable", message, now)],
            now);

    private static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static double Sum(V1NodeList nodes, Func<V1Node, IDictionary<string, ResourceQuantity>?> select, string resource) =>
        nodes.Items.Sum(n => select(n) is { } quantities && quantities.TryGetValue(resource, out var quantity) ? (double)Quantity.Of(quantity).Value : 0);

    /// <summary>Counts a list's items, from one item and the remaining count when the server gives it, else page by page.</summary>
    private static async Task<int> CountAsync<TList>(Func<int?, string?, Task<TList>> list) where TList : IMetadata<V1ListMeta>, IKubernetesObject
    {
        var first = await list(1, null);
        var items = ItemCount(first);
        if (first.Metadata?.RemainingItemCount is { } remaining)
        {
            return items + (int)remaining;
        }

        var total = items;
        var next = first.Metadata?.ContinueProperty;
        while (!string.IsNullOrEmpty(next))
        {
            var page = await list(500, next);
            total += ItemCount(page);
            next = page.Metadata?.ContinueProperty;
        }

        return total;
    }

    private static int ItemCount(object list) => list.GetType().GetProperty("Items")?.GetValue(list) is System.Collections.ICollection items ? items.Count : 0;

    private static async Task<(double? Cpu, double? Memory)> UsageAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var metrics = await client.CustomObjects.ListClusterCustomObjectAsync("metrics.k8s.io", "v1beta1", "nodes", cancellationToken: cancellationToken);
            var json = metrics is JsonElement element ? element : JsonSerializer.SerializeToElement(metrics);
            double cpu = 0, memory = 0;
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                var usage = item.GetProperty("usage");
                cpu += (double)Quantity.Parse(usage.GetProperty("cpu").GetString()).Value;
                memory += (double)Quantity.Parse(usage.GetProperty("memory").GetString()).Value;
            }

            return (cpu, memory);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            return (null, null);
        }
    }
}
