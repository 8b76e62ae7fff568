using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Authorization;

/// <summary>ServiceAccount tokens are authorised by RBAC: kubectl auth can-i, Forbidden errors, bindings and escalation prevention.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class RbacTests(KubeSimServer server)
{
    [Fact]
    public async Task A_service_account_may_do_what_its_bindings_grant_and_nothing_more()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("team");
        await admin.OkAsync("create", "namespace", ns);
        var ci = await ServiceAccountKubeconfig.CreateAsync(server, ns, "ci");

        var before = await ci.RunAsync("auth", "can-i", "list", "pods", "-n", ns);
        Assert.Equal(1, before.ExitCode);
        Assert.Equal("no", before.Output.Trim());
        var forbidden = await ci.RunAsync("get", "pods", "-n", ns);
        Assert.NotEqual(0, forbidden.ExitCode);
        Assert.Contains($"pods is forbidden: User \"system:serviceaccount:{ns}:ci\" cannot list resource \"pods\" in API group \"\" in the namespace \"{ns}\"", forbidden.Error, StringComparison.Ordinal);

        Assert.Equal("no", (await admin.RunAsync("auth", "can-i", "list", "pods", "-n", ns, $"--as=system:serviceaccount:{ns}:ci")).Output.Trim());
        var impersonating = await ci.RunAsync("get", "pods", "-n", ns, "--as=kubernetes-admin");
        Assert.Contains($"users \"kubernetes-admin\" is forbidden: User \"system:serviceaccount:{ns}:ci\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", impersonating.Error, StringComparison.Ordinal);

        await admin.OkAsync("-n", ns, "create", "rolebinding", "ci-view", "--clusterrole=view", $"--serviceaccount={ns}:ci");
        Assert.Equal("yes", (await admin.RunAsync("auth", "can-i", "list", "pods", "-n", ns, $"--as=system:serviceaccount:{ns}:ci")).Output.Trim());

        var after = await ci.RunAsync("auth", "can-i", "list", "pods", "-n", ns);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal("yes", after.Output.Trim());
        Assert.Equal("no", (await ci.RunAsync("auth", "can-i", "delete", "pods", "-n", ns)).Output.Trim());
        Assert.Equal("yes", (await ci.RunAsync("auth", "can-i", "get", "pods", "--subresource=log", "-n", ns)).Output.Trim());
        Assert.Equal("no", (await ci.RunAsync("auth", "can-i", "list", "pods", "-n", "default")).Output.Trim());
        Assert.Equal("no", (await ci.RunAsync("auth", "can-i", "list", "secrets", "-n", ns)).Output.Trim());
        await ci.OkAsync("get", "pods", "-n", ns);
        var nodes = await ci.RunAsync("get", "nodes");
        Assert.Contains($"nodes is forbidden: User \"system:serviceaccount:{ns}:ci\" cannot list resource \"nodes\" in API group \"\" at the cluster scope", nodes.Error, StringComparison.Ordinal);

        var list = await ci.OkAsync("auth", "can-i", "--list", "-n", ns);
        Assert.Contains("deployments.apps", list, StringComparison.Ordinal);
        Assert.Contains("selfsubjectaccessreviews.authorization.k8s.io", list, StringComparison.Ordinal);
        Assert.Contains("[get list watch]", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_token_is_a_cluster_admin_and_can_list_everything()
    {
        var admin = server.Kubectl();
        Assert.Equal("yes", (await admin.OkAsync("auth", "can-i", "delete", "nodes")).Trim());
        Assert.Equal("yes", (await admin.OkAsync("auth", "can-i", "*", "*")).Trim());
        var list = await admin.OkAsync("auth", "can-i", "--list");
        Assert.Contains("*.*", list, StringComparison.Ordinal);
        var roles = await admin.OkAsync("get", "clusterroles", "-o", "name");
        foreach (var role in new[] { "cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user" })
        {
            Assert.Contains("clusterrole.rbac.authorization.k8s.io/" + role + "\n", roles, StringComparison.Ordinal);
        }
        var viewRules = await admin.OkAsync("get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}");
        Assert.Contains("pods/log", viewRules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_more_than_one_holds_is_refused_unless_allowed_to_escalate_or_bind()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("esc");
        await admin.OkAsync("create", "namespace", ns);
        var lead = await ServiceAccountKubeconfig.CreateAsync(server, ns, "lead");
        await admin.OkAsync("-n", ns, "create", "rolebinding", "lead-admin", "--clusterrole=admin", $"--serviceaccount={ns}:lead");

        await lead.OkAsync("-n", ns, "create", "role", "reader", "--verb=get,list", "--resource=secrets,configmaps");
        await lead.OkAsync("-n", ns, "create", "rolebinding", "viewers", "--clusterrole=view", "--group=viewers");

        var role = await lead.RunAsync("-n", ns, "create", "role", "node-reader", "--verb=get", "--resource=nodes");
        Assert.NotEqual(0, role.ExitCode);
        Assert.Contains($"roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"system:serviceaccount:{ns}:lead\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:{ns}\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:", role.Error, StringComparison.Ordinal);
        Assert.Contains("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}", role.Error, StringComparison.Ordinal);

        var binding = await lead.RunAsync("-n", ns, "create", "rolebinding", "root", "--clusterrole=cluster-admin", $"--serviceaccount={ns}:lead");
        Assert.NotEqual(0, binding.ExitCode);
        Assert.Contains("rolebindings.rbac.authorization.k8s.io \"root\" is forbidden", binding.Error, StringComparison.Ordinal);

        await admin.OkAsync("create", "clusterrole", $"bind-admin-{ns}", "--verb=bind", "--resource=clusterroles", "--resource-name=cluster-admin");
        await admin.OkAsync("-n", ns, "create", "rolebinding", "lead-bind", $"--clusterrole=bind-admin-{ns}", $"--serviceaccount={ns}:lead");
        await lead.OkAsync("-n", ns, "create", "rolebinding", "root", "--clusterrole=cluster-admin", $"--serviceaccount={ns}:lead");
    }
}
