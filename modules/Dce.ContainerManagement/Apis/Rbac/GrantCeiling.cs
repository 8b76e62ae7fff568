using System.Text.Json.Nodes;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Kubernetes.Rbac;
using k8s;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>
/// Nobody grants more than they hold: rules written into a Role, or reached through a binding, must stay within the
/// rules of the Kubernetes ClusterRole that matches the caller's DCE role in that namespace (ns-admin: admin). A role
/// on the whole cluster (cluster-admin) may grant anything there.
/// </summary>
internal static class GrantCeiling
{
    public static async Task<IResult?> RefuseBeyondAsync(HttpContext http, IKubernetes client, string cluster, string ns, IEnumerable<JsonObject> rules,
        string what, CancellationToken cancellationToken)
    {
        var level = await UserAccess.InNamespaceAsync(http, cluster, ns);
        if (level == AccessLevel.ClusterAdmin)
        {
            return null;
        }

        if (level == AccessLevel.None)
        {
            return Problems.Forbidden($"{what}: you hold no role in namespace {cluster}/{ns}, so you may grant nothing there.");
        }

        var held = RuleCoverage.RulesOf(await ResourceClient.GetAsync(client, ResourceKinds.ClusterRoles, null, level.ClusterRole(), cancellationToken));
        return RuleCoverage.FirstUncovered(held, rules) is { } beyond
            ? Problems.Forbidden($"{what} would grant {beyond} in namespace {cluster}/{ns}, which your role there ({level.DceRole()}) does not hold. Nobody grants more than they hold.")
            : null;
    }
}
