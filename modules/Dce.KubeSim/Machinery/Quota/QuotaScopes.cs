using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery.Quota;

/// <summary>Whether a quota's scopes (BestEffort, NotBestEffort, Terminating, NotTerminating) take in an object.</summary>
public static class QuotaScopes
{
    public static bool Match(JsonObject quota, ResourceType type, JsonObject obj)
    {
        var scopes = (quota.At("spec.scopes") as JsonArray ?? []).Select(s => s?.ToString() ?? "")
            .Concat((quota.At("spec.scopeSelector.matchExpressions") as JsonArray ?? []).OfType<JsonObject>()
                .Where(e => e.Str("operator") == "Exists").Select(e => e.Str("scopeName") ?? ""))
            .ToList();
        if (scopes.Count == 0)
        {
            return true;
        }
        if (type.Group.Length != 0 || type.Plural != "pods")
        {
            return false;
        }
        var bestEffort = PodUsage.Of(obj).Keys.All(k => k is "pods" or "count/pods");
        var terminating = obj.At("spec")?["activeDeadlineSeconds"] is not null;
        return scopes.All(scope => scope switch
        {
            "BestEffort" => bestEffort,
            "NotBestEffort" => !bestEffort,
            "Terminating" => terminating,
            "NotTerminating" => !terminating,
            _ => false,
        });
    }
}
