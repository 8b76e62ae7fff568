using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Testing;
using Dce.Testing.KubeSim;
using k8s;
using k8s.Autorest;

namespace Dce.ContainerManagement.Tests;

/// <summary>
/// Nobody grants more than they hold through Kubernetes RBAC, by DCE's form or by YAML; and the kubeconfig a user asks
/// for opens exactly what their DCE roles allow, and nothing once those roles are gone.
/// </summary>
[Trait("Category", "Security")]
public sealed class RbacSecurityTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Kpanda = PlatformAccess.Kpanda;

    [Fact]
    public async Task A_namespace_editor_creates_no_roles_and_no_bindings()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, PlatformFixture.Cluster, ns);
        using var editor = await UserWithRoleAsync(workspace, "ns-editor");
        var nsPath = $"{Kpanda}/clusters/{PlatformFixture.Cluster}/namespaces/{ns}";

        using var role = await editor.PostAsJsonAsync($"{nsPath}/roles", new { name = "sneaky", data = "kind: Role\nrules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]" });
        using var binding = await editor.PostAsJsonAsync($"{nsPath}/rolebindings", Binding("sneaky", "ClusterRole", "view"));

        Assert.Equal(HttpStatusCode.Forbidden, role.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, binding.StatusCode);
        await AssertAbsentAsync(ns, "roles", "sneaky");
        await AssertAbsentAsync(ns, "rolebindings", "sneaky");
    }

    [Fact]
    public async Task A_namespace_admin_grants_only_what_they_hold_and_only_in_their_namespace()
    {
        var (ns, other) = (await fixture.NamespaceAsync(), await fixture.NamespaceAsync());
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, PlatformFixture.Cluster, ns);
        using var admin = await UserWithRoleAsync(workspace, "ns-admin");
        var clusterPath = $"{Kpanda}/clusters/{PlatformFixture.Cluster}";
        var nsPath = $"{clusterPath}/namespaces/{ns}";

        var refused = new[]
        {
            await admin.PostAsJsonAsync($"{clusterPath}/clusterrolebindings", Binding("escalate", "ClusterRole", "cluster-admin")),
            await admin.PostAsJsonAsync($"{clusterPath}/namespaces/{other}/rolebindings", Binding("escalate", "ClusterRole", "view")),
            await admin.PostAsJsonAsync($"{nsPath}/rolebindings", Binding("escalate", "ClusterRole", "cluster-admin")),
            await admin.PostAsJsonAsync($"{nsPath}/rolebindings", new
            {
                data = "kind: RoleBinding\nmetadata: {name: escalate}\nsubjects: [{kind: User, name: mallory}]\nroleRef: {kind: ClusterRole, name: cluster-admin}",
            }),
            await admin.PostAsJsonAsync($"{nsPath}/roles", new { name = "escalate", data = "kind: Role\nrules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]" }),
            await admin.PostAsJsonAsync($"{clusterPath}/clusterroles/escalate", new { data = "kind: ClusterRole\nrules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]" }),
        };
        foreach (var answer in refused)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden,
                $"{answer.RequestMessage!.RequestUri}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            answer.Dispose();
        }

        await AssertAbsentAsync(ns, "rolebindings", "escalate");
        await AssertAbsentAsync(other, "rolebindings", "escalate");
        await AssertAbsentAsync(ns, "roles", "escalate");
        await AssertAbsentAsync(null, "clusterrolebindings", "escalate");
        await AssertAbsentAsync(null, "clusterroles", "escalate");

        // A Role someone with more rights wrote in the namespace is no way around the ceiling either.
        using var platformAdmin = fixture.Platform.AdminClient();
        using var powerful = await platformAdmin.PostAsJsonAsync($"{nsPath}/roles", new { name = "powerful", data = "kind: Role\nrules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]" });
        Assert.True(powerful.IsSuccessStatusCode, await powerful.Content.ReadAsStringAsync());
        using var throughRole = await admin.PostAsJsonAsync($"{nsPath}/rolebindings", Binding("escalate", "Role", "powerful"));
        Assert.Equal(HttpStatusCode.Forbidden, throughRole.StatusCode);
        Assert.Contains("Nobody grants more than they hold", await throughRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertAbsentAsync(ns, "rolebindings", "escalate");

        using var within = await admin.PostAsJsonAsync($"{nsPath}/rolebindings", Binding("viewers", "ClusterRole", "ns-viewer"));
        var created = JsonNode.Parse(await within.Content.ReadAsStringAsync());
        Assert.True(within.IsSuccessStatusCode, created?.ToJsonString());
        Assert.Equal("view", created!["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("rbac.authorization.k8s.io", created["roleRef"]!["APIGroup"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_kubeconfig_opens_exactly_the_users_namespace_and_nothing_once_the_role_is_gone()
    {
        var (ns, other) = (await fixture.NamespaceAsync(), await fixture.NamespaceAsync());
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, PlatformFixture.Cluster, ns);
        using var editor = await UserWithRoleAsync(workspace, "ns-editor");
        var path = $"{Kpanda}/clusters/{PlatformFixture.Cluster}/kubeconfig";

        using var answer = await editor.GetAsync(path);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text);
        var kubeconfig = JsonNode.Parse(text)!["kubeConfigString"]!.GetValue<string>();
        Assert.DoesNotContain(SimulatedClusters.AdminToken, kubeconfig, StringComparison.Ordinal);
        Assert.DoesNotContain("client-key", kubeconfig, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"dce-user-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(file, kubeconfig);
        try
        {
            var kubectl = new Kubectl(file);
            Assert.Equal(0, (await kubectl.RunAsync("get", "pods", "-n", ns)).ExitCode);
            Assert.NotEqual(0, (await kubectl.RunAsync("get", "pods", "-n", other)).ExitCode);
            Assert.Equal("yes", (await kubectl.RunAsync("auth", "can-i", "create", "deployments", "-n", ns)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "create", "rolebindings", "-n", ns)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "get", "pods", "-n", other)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "delete", "nodes")).Output.Trim());

            using var platformAdmin = fixture.Platform.AdminClient();
            using var unbound = await platformAdmin.DeleteAsync($"{Kpanda}/clusters/{PlatformFixture.Cluster}/namespaces/{ns}:unbind?workspaceId={workspace}");
            Assert.True(unbound.IsSuccessStatusCode, await unbound.Content.ReadAsStringAsync());
            await Eventually.Until(async () =>
            {
                using var again = await editor.GetAsync(path);
                return again.StatusCode == HttpStatusCode.Forbidden;
            }, "the kubeconfig refused once the namespace left the workspace");
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "get", "pods", "-n", ns)).Output.Trim());
            Assert.NotEqual(0, (await kubectl.RunAsync("get", "pods", "-n", ns)).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_whole_cluster_viewer_gets_a_cluster_wide_read_only_kubeconfig_and_an_outsider_none()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, PlatformFixture.Cluster, ns, wholeCluster: true);
        using var viewer = await UserWithRoleAsync(workspace, "ns-viewer");
        using var outsider = await UserWithRoleAsync(await PlatformAccess.EmptyWorkspaceAsync(fixture.Platform), "ns-admin");
        var path = $"{Kpanda}/clusters/{PlatformFixture.Cluster}/kubeconfig";

        using var refused = await outsider.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var summary = JsonNode.Parse(await outsider.GetStringAsync($"{Kpanda}/rolesummary"))!;
        Assert.Empty(summary["items"]!.AsObject());
        Assert.Empty(JsonNode.Parse(await outsider.GetStringAsync($"{Kpanda}/globalroles"))!["roles"]!.AsArray());
        var viewerSummary = JsonNode.Parse(await viewer.GetStringAsync($"{Kpanda}/rolesummary?cluster={PlatformFixture.Cluster}"))!;
        Assert.Equal("ns-viewer", viewerSummary["items"]![PlatformFixture.Cluster]!["clusterRoles"]![0]!.GetValue<string>());

        var kubeconfig = JsonNode.Parse(await viewer.GetStringAsync(path))!["kubeConfigString"]!.GetValue<string>();
        var file = Path.Combine(Path.GetTempPath(), $"dce-user-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(file, kubeconfig);
        try
        {
            var kubectl = new Kubectl(file);
            Assert.Equal("yes", (await kubectl.RunAsync("auth", "can-i", "list", "pods", "--all-namespaces")).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "create", "deployments", "-n", ns)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "get", "secrets", "-n", ns)).Output.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static object Binding(string name, string roleKind, string role) => new
    {
        name,
        subject = new { kind = "User", name = "mallory", APIGroup = "rbac.authorization.k8s.io" },
        roleRef = new { kind = roleKind, name = role, APIGroup = "rbac.authorization.k8s.io" },
    };

    private async Task AssertAbsentAsync(string? ns, string plural, string name)
    {
        using var kube = fixture.Kube();
        var rbac = kube.RbacAuthorizationV1;
        Func<Task> read = plural switch
        {
            "roles" => () => rbac.ReadNamespacedRoleAsync(name, ns),
            "rolebindings" => () => rbac.ReadNamespacedRoleBindingAsync(name, ns),
            "clusterroles" => () => rbac.ReadClusterRoleAsync(name),
            _ => () => rbac.ReadClusterRoleBindingAsync(name),
        };
        var error = await Assert.ThrowsAsync<HttpOperationException>(read);
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    // A user holding DCE's built-in role in the workspace.
    private async Task<HttpClient> UserWithRoleAsync(int workspaceId, string role)
    {
        var platform = fixture.Platform;
        using var identity = new HttpClient { BaseAddress = platform.Identity.Address };
        identity.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminToken);
        var (name, password) = ($"user-{Guid.NewGuid():N}"[..15], $"Pw-{Guid.NewGuid():N}");
        using var created = await identity.PostAsJsonAsync($"{PlatformAccess.Ghippo}/users", new { name, password });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var authorized = await identity.PostAsJsonAsync($"{PlatformAccess.Ghippo}/workspaces/{workspaceId}/authorize",
            new { subjectKind = "User", subjectId = user.GetProperty("id").GetString(), roleName = role });
        Assert.True(authorized.IsSuccessStatusCode, await authorized.Content.ReadAsStringAsync());
        var client = new HttpClient { BaseAddress = platform.Module.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.Identity.LoginAsync(name, password));
        return client;
    }
}
