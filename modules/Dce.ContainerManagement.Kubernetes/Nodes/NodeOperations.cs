using Dce.Kubernetes.Errors;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Node list and detail, cordon and drain, labels, annotations and taints.</summary>
public static class NodeOperations
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    /// <summary>Every node with its usage and pod count.</summary>
    public static async Task<IReadOnlyList<NodeSummary>> ListAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
        var usage = await NodeMetrics.ListAsync(client, cancellationToken);
        var counts = pods.Items.Where(p => p.Spec.NodeName is not null && !Finished(p))
            .GroupBy(p => p.Spec.NodeName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return nodes.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(n => Summary(n, usage.GetValueOrDefault(n.Metadata.Name), counts.GetValueOrDefault(n.Metadata.Name)))
            .ToList();
    }

    /// <summary>One node with its usage and pod count.</summary>
    public static async Task<NodeSummary> GetAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var node = await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken);
        var pods = await PodsOnAsync(client, name, cancellationToken);
        var usage = await NodeMetrics.ListAsync(client, cancellationToken);
        return Summary(node, usage.GetValueOrDefault(name), pods.Count(p => !Finished(p)));
    }

    /// <summary>Marks the node unschedulable: new pods go elsewhere, running ones stay.</summary>
    public static Task CordonAsync(IKubernetes client, string name, CancellationToken cancellationToken = default) =>
        SetUnschedulableAsync(client, name, true, cancellationToken);

    /// <summary>Makes the node schedulable again.</summary>
    public static Task UncordonAsync(IKubernetes client, string name, CancellationToken cancellationToken = default) =>
        SetUnschedulableAsync(client, name, false, cancellationToken);

    /// <summary>Cordons the node, then evicts every pod on it except DaemonSet pods and mirror pods.</summary>
    public static async Task<NodeDrainResult> DrainAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await CordonAsync(client, name, cancellationToken);
        var evicted = new List<string>();
        var failures = new List<NodeDrainFailure>();
        foreach (var pod in await PodsOnAsync(client, name, cancellationToken))
        {
            if (Finished(pod) || pod.Metadata.OwnerReferences?.Any(o => o.Kind == "DaemonSet") == true
                || pod.Metadata.Annotations?.ContainsKey(MirrorAnnotation) == true)
            {
                continue;
            }

            var id = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
            try
            {
                var eviction = new V1Eviction { Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty } }.Initialize();
                await client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
                evicted.Add(id);
            }
            catch (k8s.Autorest.HttpOperationException e)
            {
                var failure = KubernetesErrors.Describe(e, "");
                failures.Add(new NodeDrainFailure(id, failure.StatusCode, failure.Message));
            }
        }

        return new NodeDrainResult(evicted, failures);
    }

    /// <summary>Replaces all labels of the node with <paramref name="labels"/>.</summary>
    public static Task<V1Node> SetLabelsAsync(IKubernetes client, string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default) =>
        ReplaceFieldAsync(client, name, "/metadata/labels", labels, cancellationToken);

    /// <summary>Replaces all annotations of the node with <paramref name="annotations"/>.</summary>
    public static Task<V1Node> SetAnnotationsAsync(IKubernetes client, string name, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken = default) =>
        ReplaceFieldAsync(client, name, "/metadata/annotations", annotations, cancellationToken);

    /// <summary>Replaces all taints of the node with <paramref name="taints"/>.</summary>
    public static Task<V1Node> SetTaintsAsync(IKubernetes client, string name, IReadOnlyList<V1Taint> taints, CancellationToken cancellationToken = default) =>
        ReplaceFieldAsync(client, name, "/spec/taints", taints, cancellationToken);

    private static Task<V1Node> ReplaceFieldAsync(IKubernetes client, string name, string path, object value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(value);
        var patch = new V1Patch(new object[] { new { op = "add", path, value } }, V1Patch.PatchType.JsonPatch);
        return client.CoreV1.PatchNodeAsync(patch, name, cancellationToken: ct);
    }

    private static async Task SetUnschedulableAsync(IKubernetes client, string name, bool unschedulable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var patch = new V1Patch(new { spec = new { unschedulable } }, V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNodeAsync(patch, name, cancellationToken: ct);
    }

    private static async Task<IList<V1Pod>> PodsOnAsync(IKubernetes client, string node, CancellationToken ct) =>
        (await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: ct)).Items;

    private static bool Finished(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static NodeSummary Summary(V1Node node, NodeUsage? usage, int podCount)
    {
        IReadOnlyDictionary<string, string> labels = new Dictionary<string, string>(node.Metadata.Labels ?? new Dictionary<string, string>());
        var roles = labels.Keys.Where(k => k.StartsWith(RolePrefix, StringComparison.Ordinal)).Select(k => k[RolePrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        var conditions = node.Status?.Conditions?.ToList() ?? [];
        var info = node.Status?.NodeInfo;
        return new NodeSummary(
            node.Metadata.Name, roles,
            conditions.Any(c => c.Type == "Ready" && c.Status == "True"),
            node.Spec?.Unschedulable == true,
            info?.Architecture ?? labels.GetValueOrDefault("kubernetes.io/arch"),
            info?.OperatingSystem ?? labels.GetValueOrDefault("kubernetes.io/os"),
            info?.KubeletVersion,
            Resources(node.Status?.Capacity), Resources(node.Status?.Allocatable), usage, podCount,
            node.Spec?.Taints?.ToList() ?? [],
            labels,
            new Dictionary<string, string>(node.Metadata.Annotations ?? new Dictionary<string, string>()),
            conditions, node.Metadata.CreationTimestamp);
    }

    private static NodeResources Resources(IDictionary<string, ResourceQuantity>? map)
    {
        string? Value(string key) => map is not null && map.TryGetValue(key, out var quantity) ? quantity.ToString() : null;
        return new NodeResources(Value("cpu"), Value("memory"), Value("pods"));
    }
}
