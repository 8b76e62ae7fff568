using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Services: list, get, create, update (replace) and delete.</summary>
public static class ServiceOperations
{
    public static async Task<IReadOnlyList<V1Service>> ListAsync(IKubernetes client, string? ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = ns is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: cancellationToken);
        return list.Items.ToList();
    }

    public static Task<V1Service> GetAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken);
    }

    public static Task<V1Service> CreateAsync(IKubernetes client, string ns, V1Service service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.CreateNamespacedServiceAsync(service.Initialize(), ns, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the service; without a resourceVersion the current one is used (last write wins).</summary>
    public static async Task<V1Service> UpdateAsync(IKubernetes client, string ns, V1Service service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrEmpty(service.Metadata.ResourceVersion))
        {
            var current = await GetAsync(client, ns, service.Metadata.Name, cancellationToken);
            service.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
            service.Spec.ClusterIP ??= current.Spec.ClusterIP;
        }

        return await client.CoreV1.ReplaceNamespacedServiceAsync(service.Initialize(), service.Metadata.Name, ns, cancellationToken: cancellationToken);
    }

    public static async Task DeleteAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken);
    }
}
