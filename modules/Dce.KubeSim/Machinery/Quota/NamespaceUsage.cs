using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery.Quota;

/// <summary>The current use of a namespace for a set of quota resource names, read from the store.</summary>
public static class NamespaceUsage
{
    /// <summary>Usage for every name asked for (zero where nothing counts) by the objects the quota's scopes take in.</summary>
    public static SortedDictionary<string, Quantity> Of(ObjectStore store, ResourceCatalog catalog, string ns,
        IReadOnlyCollection<string> resources, JsonObject quota)
    {
        var used = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            used[resource] = Quantity.Zero;
        }
        var types = catalog.All.Where(t => t.Namespaced && resources.Any(r => ObjectUsage.Tracks(t, r)))
            .DistinctBy(t => t.StorageKey);
        foreach (var type in types)
        {
            foreach (var stored in store.List(type.StorageKey, ns, o => ObjectUsage.Holds(type, o)).Items)
            {
                var obj = stored.Parse();
                if (!QuotaScopes.Match(quota, type, obj))
                {
                    continue;
                }
                foreach (var (name, amount) in ObjectUsage.Of(type, obj))
                {
                    if (used.TryGetValue(name, out var sum))
                    {
                        used[name] = sum + amount;
                    }
                }
            }
        }
        return used;
    }
}
