using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Pods: list, get, logs (tail or follow) and the events of any object.</summary>
public static class PodOperations
{
    /// <summary>Pods in <paramref name="ns"/> (every namespace when null), optionally by label selector and node.</summary>
    public static async Task<IReadOnlyList<V1Pod>> ListAsync(IKubernetes client, string? ns, string? labelSelector = null, string? nodeName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var fieldSelector = string.IsNullOrEmpty(nodeName) ? null : $"spec.nodeName={nodeName}";
        var list = ns is null
            ? await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: cancellationToken);
        return list.Items.OrderBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
    }

    public static Task<V1Pod> GetAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: cancellationToken);
    }

    /// <summary>The last <paramref name="tailLines"/> lines of a container's log (all of it when null).</summary>
    public static async Task<string> LogsAsync(IKubernetes client, string ns, string name, string? container = null, int? tailLines = null,
        int? sinceSeconds = null, bool timestamps = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(name, ns, container: container, sinceSeconds: sinceSeconds, tailLines: tailLines,
            timestamps: timestamps ? true : null, cancellationToken: cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>
    /// The log as a stream that stays open and grows while the container runs; dispose it (or cancel) to stop. A client that
    /// lost its stream resumes from its last line's time (<paramref name="since"/>, the API server's <c>sinceTime</c>) and
    /// drops the lines it has: unlike <paramref name="sinceSeconds"/>, an instant does not move with the time the request
    /// takes to arrive.
    /// </summary>
    public static Task<Stream> FollowLogsAsync(IKubernetes client, string ns, string name, string? container = null, int? tailLines = null,
        int? sinceSeconds = null, bool timestamps = false, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ResourceClient.OpenStreamAsync(client, PodLogPath.Follow(ns, name, container, timestamps, since, tailLines, sinceSeconds), cancellationToken);
    }

    /// <summary>Events about one object (by name, and kind and uid when given), oldest first.</summary>
    public static async Task<IReadOnlyList<Corev1Event>> EventsAsync(IKubernetes client, string ns, string name, string? kind = null, string? uid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var selector = new List<string> { $"involvedObject.name={name}" };
        if (!string.IsNullOrEmpty(kind))
        {
            selector.Add($"involvedObject.kind={kind}");
        }

        if (!string.IsNullOrEmpty(uid))
        {
            selector.Add($"involvedObject.uid={uid}");
        }

        var events = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: string.Join(",", selector), cancellationToken: cancellationToken);
        return events.Items.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp).ToList();
    }
}
