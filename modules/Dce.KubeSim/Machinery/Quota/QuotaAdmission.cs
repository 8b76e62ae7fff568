using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery.Quota;

/// <summary>
/// The ResourceQuota admission step of object creation: refuses, with the API server's own wording, an object
/// whose namespace would go over a quota's hard limits, or a pod that leaves out a compute resource a quota limits.
/// Runs under the store lock, so usage read here cannot change before the object is stored.
/// </summary>
public static class QuotaAdmission
{
    public static void Admit(ObjectStore store, ResourceCatalog catalog, ResourceType type, string ns, JsonObject obj)
    {
        if (!type.Namespaced)
        {
            return;
        }
        var quotaType = catalog.Find("", "v1", "resourcequotas")!;
        var quotas = store.List(quotaType.StorageKey, ns).Items;
        if (quotas.Count == 0)
        {
            return;
        }
        var name = obj.Metadata().Str("name") ?? "";
        var pertinent = new List<(JsonObject Quota, string Name, Dictionary<string, Quantity> Hard)>();
        foreach (var quota in quotas.Select(q => q.Parse()).OrderBy(q => q.Metadata().Str("name"), StringComparer.Ordinal))
        {
            var hard = Hard(quota).Where(h => ObjectUsage.Tracks(type, h.Key)).ToDictionary(StringComparer.Ordinal);
            if (hard.Count == 0 || !QuotaScopes.Match(quota, type, obj))
            {
                continue;
            }
            var quotaName = quota.Metadata().Str("name") ?? "";
            if (type.Group.Length == 0 && type.Plural == "pods" && PodUsage.MissingSpecifications(obj, hard.Keys) is { } missing)
            {
                throw ApiException.Forbidden(type, name, $"failed quota: {quotaName}: {missing}");
            }
            pertinent.Add((quota, quotaName, hard));
        }
        var delta = ObjectUsage.Of(type, obj).Where(u => !u.Value.IsZero).ToDictionary(StringComparer.Ordinal);
        foreach (var (quota, quotaName, hard) in pertinent)
        {
            var requested = delta.Where(d => hard.ContainsKey(d.Key)).ToDictionary(StringComparer.Ordinal);
            if (requested.Count == 0)
            {
                continue;
            }
            var used = NamespaceUsage.Of(store, catalog, ns, requested.Keys, quota);
            var exceeded = requested.Keys.Where(r => used[r].Value + requested[r].Value > hard[r].Value).Order(StringComparer.Ordinal).ToList();
            if (exceeded.Count > 0)
            {
                throw ApiException.Forbidden(type, name,
                    $"exceeded quota: {quotaName}, requested: {Print(exceeded, requested)}, used: {Print(exceeded, used)}, limited: {Print(exceeded, hard)}");
            }
        }
    }

    /// <summary>A quota's hard limits by resource name.</summary>
    public static Dictionary<string, Quantity> Hard(JsonObject quota) =>
        (quota.At("spec.hard") as JsonObject ?? []).ToDictionary(h => h.Key, h => Quantity.Parse(h.Value?.ToString()), StringComparer.Ordinal);

    private static string Print(IEnumerable<string> names, IReadOnlyDictionary<string, Quantity> amounts) =>
        string.Join(",", names.Select(n => $"{n}={amounts.GetValueOrDefault(n)}"));
}
