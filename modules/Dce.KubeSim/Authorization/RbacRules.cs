using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Authorization;

/// <summary>
/// Resolves what a user may do from the cluster's Roles, ClusterRoles, RoleBindings and ClusterRoleBindings:
/// every ClusterRoleBinding that names the user, and in a namespace every RoleBinding there.
/// </summary>
public static class RbacRules
{
    private const string Group = "rbac.authorization.k8s.io";

    /// <summary>The rules <paramref name="user"/> holds in <paramref name="ns"/> ("" for cluster-wide only), by binding.</summary>
    public static IEnumerable<RuleSource> For(SimulatedCluster sim, UserInfo user, string ns)
    {
        foreach (var binding in sim.Store.List(Group + "/clusterrolebindings", null).Items.Select(b => b.Parse()))
        {
            if (AppliesTo(binding, user, "") is { } subject && RoleRules(sim, binding, "") is { } rules)
            {
                yield return new RuleSource(Describe("ClusterRoleBinding", binding, "", subject), rules);
            }
        }
        if (ns.Length == 0)
        {
            yield break;
        }
        foreach (var binding in sim.Store.List(Group + "/rolebindings", ns).Items.Select(b => b.Parse()))
        {
            if (AppliesTo(binding, user, ns) is { } subject && RoleRules(sim, binding, ns) is { } rules)
            {
                yield return new RuleSource(Describe("RoleBinding", binding, ns, subject), rules);
            }
        }
    }

    /// <summary>The rules of the role a binding refers to; null when the role does not exist.</summary>
    public static IReadOnlyList<PolicyRule>? RoleRules(SimulatedCluster sim, JsonObject binding, string ns)
    {
        var roleRef = binding["roleRef"];
        var name = roleRef.Str("name") ?? "";
        var role = roleRef.Str("kind") switch
        {
            "ClusterRole" => sim.Store.Get(Group + "/clusterroles", "", name),
            "Role" when ns.Length > 0 => sim.Store.Get(Group + "/roles", ns, name),
            _ => null,
        };
        return role is null ? null : PolicyRule.ListFromJson(role.Parse()["rules"]);
    }

    private static JsonObject? AppliesTo(JsonObject binding, UserInfo user, string bindingNamespace)
    {
        foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = subject.Str("name") ?? "";
            var matches = subject.Str("kind") switch
            {
                "User" => user.Name == name,
                "Group" => user.Groups.Contains(name),
                "ServiceAccount" => user.Name == UserInfo.ServiceAccountPrefix + (subject.Str("namespace") is { Length: > 0 } saNs ? saNs : bindingNamespace) + ":" + name,
                _ => false,
            };
            if (matches)
            {
                return subject;
            }
        }
        return null;
    }

    private static string Describe(string bindingKind, JsonObject binding, string ns, JsonObject subject)
    {
        var bindingName = binding.Metadata().Str("name") + (ns.Length > 0 ? "/" + ns : "");
        var subjectName = subject.Str("kind") == "ServiceAccount"
            ? $"{subject.Str("name")}/{(subject.Str("namespace") is { Length: > 0 } saNs ? saNs : ns)}"
            : subject.Str("name");
        return $"{bindingKind} \"{bindingName}\" of {binding["roleRef"].Str("kind")} \"{binding["roleRef"].Str("name")}\" to {subject.Str("kind")} \"{subjectName}\"";
    }
}
