using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Authorization;

/// <summary>
/// Fills the rules of every ClusterRole with an <c>aggregationRule</c> from the ClusterRoles its selectors match,
/// as kube-controller-manager's clusterrole-aggregation controller does.
/// </summary>
public static class ClusterRoleAggregation
{
    public static void Reconcile(SimulatedCluster sim)
    {
        // An aggregated role can feed another (view into edit into admin): repeat until nothing changes.
        for (var pass = 0; pass < 5 && ReconcileOnce(sim); pass++)
        {
        }
    }

    private static bool ReconcileOnce(SimulatedCluster sim)
    {
        var changed = false;
        var type = sim.Type("rbac.authorization.k8s.io", "clusterroles");
        var roles = sim.Store.List(type.StorageKey, null).Items;
        foreach (var aggregated in roles.Select(r => (Stored: r, Obj: r.Parse())).Where(r => r.Obj["aggregationRule"] is JsonObject))
        {
            var selectors = (aggregated.Obj.At("aggregationRule.clusterRoleSelectors") as JsonArray ?? []).OfType<JsonObject>().ToList();
            var rules = new JsonArray();
            foreach (var source in roles.Where(r => r.Name != aggregated.Stored.Name && selectors.Any(s => Matches(s, r.Labels))).OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                foreach (var rule in source.Parse()["rules"] as JsonArray ?? [])
                {
                    if (!rules.Any(existing => JsonNode.DeepEquals(existing, rule)))
                    {
                        rules.Add(rule?.DeepClone());
                    }
                }
            }
            if (!JsonNode.DeepEquals(aggregated.Obj["rules"] ?? new JsonArray(), rules))
            {
                sim.Objects.Mutate(type, "", aggregated.Stored.Name, role => { role["rules"] = rules.DeepClone(); return true; });
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>A metav1.LabelSelector given as JSON, matched against labels.</summary>
    public static bool Matches(JsonObject selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector["matchLabels"].StringMap())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression.Str("key") ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).ToList();
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression.Str("operator") switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
