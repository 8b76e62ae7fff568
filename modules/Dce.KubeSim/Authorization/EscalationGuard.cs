using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Authorization;

/// <summary>
/// RBAC's escalation prevention: a Role or ClusterRole may only grant what its writer holds unless they may
/// <c>escalate</c>, and a binding may only refer to such a role unless they may <c>bind</c> it.
/// </summary>
public static class EscalationGuard
{
    private const string Group = "rbac.authorization.k8s.io";

    public static void Check(SimulatedCluster sim, UserInfo user, ResourceType type, string ns, JsonObject obj)
    {
        if (type.Group != Group || user.IsMaster)
        {
            return;
        }
        var name = obj.Metadata().Str("name") ?? "";
        switch (type.Plural)
        {
            case "roles" or "clusterroles":
                if (!Allowed(sim, RequestAttributes.ForResource(user, "escalate", Group, type.Plural, ns: ns, name: name)))
                {
                    Confirm(sim, user, type, ns, name, PolicyRule.ListFromJson(obj["rules"]));
                }
                break;
            case "rolebindings" or "clusterrolebindings":
                var roleRef = obj["roleRef"];
                var roleKind = roleRef.Str("kind") == "Role" ? "roles" : "clusterroles";
                if (Allowed(sim, RequestAttributes.ForResource(user, "bind", Group, roleKind, ns: ns, name: roleRef.Str("name") ?? "")))
                {
                    return;
                }
                var rules = RbacRules.RoleRules(sim, obj, ns)
                    ?? throw ApiException.Forbidden(type, name, $"{roleKind}.{Group} \"{roleRef.Str("name")}\" not found");
                Confirm(sim, user, type, ns, name, rules);
                break;
        }
    }

    private static bool Allowed(SimulatedCluster sim, RequestAttributes request) => RbacAuthorizer.Decide(sim, request).Allowed;

    private static void Confirm(SimulatedCluster sim, UserInfo user, ResourceType type, string ns, string name, IReadOnlyList<PolicyRule> requested)
    {
        var held = RbacRules.For(sim, user, ns).SelectMany(s => s.Rules).ToList();
        var missing = RuleCoverage.Uncovered(held, requested);
        if (missing.Count > 0)
        {
            throw ApiException.Forbidden(type, name,
                $"user \"{user.Name}\" (groups={PolicyRule.Quoted(user.Groups)}) is attempting to grant RBAC permissions not currently held:\n"
                + string.Join("\n", missing.Select(r => r.CompactString())));
        }
    }
}
