using Dce.Kubernetes.Names;
using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Namespaces and their single ResourceQuota (<c>quota</c>) and LimitRange (<c>limits</c>).</summary>
public static class NamespaceOperations
{
    /// <summary>The name of the one ResourceQuota the module manages per namespace.</summary>
    public const string QuotaName = "quota";

    /// <summary>The name of the one LimitRange the module manages per namespace.</summary>
    public const string LimitRangeName = "limits";

    public static async Task<IReadOnlyList<NamespaceSummary>> ListAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken);
        return list.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).Select(Summary).ToList();
    }

    /// <summary>One namespace; a missing one answers the cluster's 404.</summary>
    public static async Task<NamespaceSummary> GetAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Summary(await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken));
    }

    /// <summary>Creates a namespace with <paramref name="labels"/>; the name must be a DNS-1123 label.</summary>
    public static async Task<NamespaceSummary> CreateAsync(IKubernetes client, string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (KubernetesNames.LabelError(name) is { } error)
        {
            throw new ArgumentException($"namespace name \"{name}\" {error}", nameof(name));
        }

        var ns = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels is null ? null : new Dictionary<string, string>(labels) },
        }.Initialize();
        return Summary(await client.CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the namespace and, asynchronously, everything in it.</summary>
    public static async Task DeleteAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CoreV1.DeleteNamespaceAsync(name, propagationPolicy: "Background", cancellationToken: cancellationToken);
    }

    /// <summary>The namespace's quota, or null when none is set.</summary>
    public static async Task<V1ResourceQuota?> GetQuotaAsync(IKubernetes client, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.CoreV1.ListNamespacedResourceQuotaAsync(ns, fieldSelector: $"metadata.name={QuotaName}", cancellationToken: cancellationToken);
        return list.Items.FirstOrDefault();
    }

    /// <summary>Creates or replaces the namespace's quota with <paramref name="hard"/> (<c>requests.cpu</c>, <c>pods</c>...).</summary>
    public static async Task<V1ResourceQuota> SetQuotaAsync(IKubernetes client, string ns, IReadOnlyDictionary<string, string> hard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(hard);
        var spec = new V1ResourceQuotaSpec { Hard = hard.ToDictionary(kv => kv.Key, kv => new ResourceQuantity(kv.Value)) };
        // The cluster's quota controller rewrites the status at any time: read, replace, and read again on a conflict.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetQuotaAsync(client, ns, cancellationToken);
            try
            {
                if (existing is null)
                {
                    var quota = new V1ResourceQuota { Metadata = new V1ObjectMeta { Name = QuotaName, NamespaceProperty = ns }, Spec = spec }.Initialize();
                    return await client.CoreV1.CreateNamespacedResourceQuotaAsync(quota, ns, cancellationToken: cancellationToken);
                }

                existing.Spec = spec;
                return await client.CoreV1.ReplaceNamespacedResourceQuotaAsync(existing, QuotaName, ns, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
            }
        }
    }

    private const int MaxAttempts = 5;

    /// <summary>The namespace's LimitRange, or null when none is set.</summary>
    public static async Task<V1LimitRange?> GetLimitRangeAsync(IKubernetes client, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.CoreV1.ListNamespacedLimitRangeAsync(ns, fieldSelector: $"metadata.name={LimitRangeName}", cancellationToken: cancellationToken);
        return list.Items.FirstOrDefault();
    }

    /// <summary>Creates or replaces the namespace's LimitRange with <paramref name="limits"/>.</summary>
    public static async Task<V1LimitRange> SetLimitRangeAsync(IKubernetes client, string ns, IReadOnlyList<V1LimitRangeItem> limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(limits);
        var spec = new V1LimitRangeSpec { Limits = limits.ToList() };
        var existing = await GetLimitRangeAsync(client, ns, cancellationToken);
        if (existing is null)
        {
            var range = new V1LimitRange { Metadata = new V1ObjectMeta { Name = LimitRangeName, NamespaceProperty = ns }, Spec = spec }.Initialize();
            return await client.CoreV1.CreateNamespacedLimitRangeAsync(range, ns, cancellationToken: cancellationToken);
        }

        existing.Spec = spec;
        return await client.CoreV1.ReplaceNamespacedLimitRangeAsync(existing, LimitRangeName, ns, cancellationToken: cancellationToken);
    }

    private static NamespaceSummary Summary(V1Namespace ns) =>
        new(ns.Metadata.Name, ns.Status?.Phase ?? "Active",
            new Dictionary<string, string>(ns.Metadata.Labels ?? new Dictionary<string, string>()), ns.Metadata.CreationTimestamp);
}
