using static Dce.ContainerManagement.Tests.Contract.KpandaContract;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Kubernetes RBAC: a namespace's Role created, listed, read, replaced and bound (DCE's form and YAML), the cluster's
/// ClusterRoles and ClusterRoleBindings, the bindings across clusters, the caller's role summary and their kubeconfig.
/// </summary>
internal sealed class RbacWalk : IContractWalkStep
{
    public int Order => 30;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);

        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/roles", new
        {
            name = "walk-reader",
            data = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                rules:
                - apiGroups: [""]
                  resources: [pods, pods/log]
                  verbs: [get, list]
                """,
        });
        await walk.GetAsync($"{nsPath}/roles");
        await walk.GetAsync($"{nsPath}/roles/walk-reader");
        await walk.CallAsync(HttpMethod.Put, $"{nsPath}/roles/walk-reader", Data("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: walk-reader, labels: {walked: "yes"}}
            rules:
            - apiGroups: [""]
              resources: [pods, pods/log, configmaps]
              verbs: [get, list, watch]
            """));
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/rolebindings", new
        {
            name = "walk-readers",
            subject = new { kind = "User", name = "alice", APIGroup = "rbac.authorization.k8s.io" },
            roleRef = new { kind = "Role", name = "walk-reader", APIGroup = "rbac.authorization.k8s.io" },
            labels = new { walked = "yes" },
        });
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/rolebindings", Data("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: walk-viewers}
            subjects:
            - {kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io}
            roleRef: {kind: ClusterRole, name: ns-viewer, apiGroup: rbac.authorization.k8s.io}
            """));
        await walk.GetAsync($"{Root}/asl/rolebindings?namespace={target.Namespace}&cluster={target.Cluster}");

        await walk.CallAsync(HttpMethod.Post, $"{clusterPath}/clusterroles/walk-node-reader", Data("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            rules:
            - apiGroups: [""]
              resources: [nodes]
              verbs: [get, list]
            - nonResourceURLs: [/healthz]
              verbs: [get]
            """));
        await walk.GetAsync($"{clusterPath}/clusterroles");
        await walk.GetAsync($"{clusterPath}/clusterroles/walk-node-reader");
        await walk.CallAsync(HttpMethod.Put, $"{clusterPath}/clusterroles/walk-node-reader", Data("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: walk-node-reader, labels: {walked: "yes"}}
            rules:
            - apiGroups: [""]
              resources: [nodes]
              verbs: [get, list, watch]
            """));
        await walk.CallAsync(HttpMethod.Post, $"{clusterPath}/clusterrolebindings", new
        {
            name = "walk-node-readers",
            subject = new { kind = "ServiceAccount", name = "default", @namespace = target.Namespace },
            roleRef = new { kind = "ClusterRole", name = "walk-node-reader" },
        });
        await walk.GetAsync($"{Root}/asl/clusterrolebindings?cluster={target.Cluster}");

        // Every signed-in user has a summary of their own roles (empty for one holding none), so no outsider is refused here.
        await walk.CallAsync(HttpMethod.Get, $"{Root}/rolesummary?cluster={target.Cluster}", outsiderToo: false);
        await walk.CallAsync(HttpMethod.Get, $"{Root}/globalroles", outsiderToo: false);
        await walk.GetAsync($"{clusterPath}/kubeconfig");

        await walk.DeleteAsync($"{nsPath}/rolebindings/walk-readers");
        await walk.DeleteAsync($"{nsPath}/rolebindings/walk-viewers");
        await walk.DeleteAsync($"{nsPath}/roles/walk-reader");
        await walk.DeleteAsync($"{clusterPath}/clusterrolebindings/walk-node-readers");
        await walk.DeleteAsync($"{clusterPath}/clusterroles/walk-node-reader");
    }
}
