using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>ConfigMaps: list, get, create, update (replace) and delete.</summary>
public static class ConfigMapOperations
{
    public static async Task<IReadOnlyList<V1ConfigMap>> ListAsync(IKubernetes client, string? ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = ns is null
            ? await client.CoreV1.ListConfigMapForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: cancellationToken);
        return list.Items.ToList();
    }

    public static Task<V1ConfigMap> GetAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
    }

    public static Task<V1ConfigMap> CreateAsync(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(data);
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels is null ? null : new Dictionary<string, string>(labels) },
            Data = new Dictionary<string, string>(data),
        }.Initialize();
        return client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the data of the ConfigMap.</summary>
    public static async Task<V1ConfigMap> UpdateAsync(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var current = await GetAsync(client, ns, name, cancellationToken);
        current.Data = new Dictionary<string, string>(data);
        return await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, name, ns, cancellationToken: cancellationToken);
    }

    public static async Task DeleteAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
    }
}
