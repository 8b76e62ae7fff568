using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Quantities;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Namespaces;

/// <summary>
/// A namespace's quota may not exceed what its workspace has left on the cluster: the workspace's quota there minus
/// the quotas of the workspace's other namespaces on that cluster.
/// </summary>
internal static class NamespaceQuotaCeiling
{
    private static readonly (string Dimension, string[] Keys, Func<WorkspaceQuotaHard, string?> Limit)[] Dimensions =
    [
        ("requests.cpu", ["requests.cpu", "cpu"], q => q.RequestsCpu),
        ("limits.cpu", ["limits.cpu"], q => q.LimitsCpu),
        ("requests.memory", ["requests.memory", "memory"], q => q.RequestsMemory),
        ("limits.memory", ["limits.memory"], q => q.LimitsMemory),
        ("requests.storage", ["requests.storage"], q => q.RequestsStorage),
        ("persistentvolumeclaims", ["persistentvolumeclaims"], q => q.PersistentVolumeClaims),
    ];

    /// <summary>Field errors, empty when <paramref name="hard"/> fits within the workspace's quota.</summary>
    public static async Task<Dictionary<string, string[]>> CheckAsync(
        IKubernetes client, string ns, IReadOnlyDictionary<string, string> hard, NamespaceWorkspaceQuota? workspace, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (workspace?.Hard is not { } limits)
        {
            return errors;
        }

        var others = new List<V1ResourceQuota>();
        foreach (var other in workspace.Namespaces.Where(n => n != ns))
        {
            if (await NamespaceOperations.GetQuotaAsync(client, other, cancellationToken) is { } quota)
            {
                others.Add(quota);
            }
        }

        foreach (var (dimension, keys, limit) in Dimensions)
        {
            if (limit(limits) is not { } text)
            {
                continue;
            }

            var ceiling = Quantity.Parse(text).Value;
            var used = others.Sum(q => Amount(q.Spec?.Hard, keys));
            var asked = keys.Select(k => hard.TryGetValue(k, out var value) ? Quantity.Parse(value).Value : 0m).Max();
            if (asked == 0 && !keys.Any(hard.ContainsKey))
            {
                errors[dimension] = [$"Workspace {workspace.WorkspaceId} limits {dimension} to {text} on this cluster: the namespace quota must set {dimension} too."];
            }
            else if (used + asked > ceiling)
            {
                errors[dimension] = [$"{dimension} {Format(asked)} exceeds what workspace {workspace.WorkspaceId} has left on this cluster: {Format(ceiling - used)} of {text} (its other namespaces hold {Format(used)})."];
            }
        }

        return errors;
    }

    private static decimal Amount(IDictionary<string, ResourceQuantity>? hard, string[] keys) =>
        hard is null ? 0 : keys.Select(k => hard.TryGetValue(k, out var quantity) ? Quantity.Of(quantity).Value : 0m).Max();

    private static string Format(decimal value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
