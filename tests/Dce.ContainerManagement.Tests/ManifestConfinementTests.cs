using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dce.ContainerManagement.Manifests;
using k8s;
using k8s.Autorest;

namespace Dce.ContainerManagement.Tests;

/// <summary>A manifest reaches no further than its route's namespace and its caller's rights, and is bounded in size and shape.</summary>
[Trait("Category", "Security")]
public sealed class ManifestConfinementTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Cluster = PlatformFixture.Cluster;

    [Fact]
    public async Task A_configmap_for_kube_system_posted_on_the_default_route_is_refused_and_neither_namespace_changes()
    {
        var name = $"escape-{Guid.NewGuid():N}"[..20];
        var yaml = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              namespace: kube-system
            data:
              mode: escaped
            """;
        using var admin = fixture.Platform.AdminClient();

        var created = await SendYamlAsync(admin, HttpMethod.Post, Manifests("default"), yaml);
        var replaced = await SendYamlAsync(admin, HttpMethod.Put, $"{Manifests("default")[..^"/json".Length]}/{name}/json", yaml);

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Contains("document 1", created.Text, StringComparison.Ordinal);
        Assert.Contains("kube-system", created.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, replaced.Status);
        using var kube = fixture.Kube();
        Assert.False(await ConfigMapExistsAsync(kube, "kube-system", name));
        Assert.False(await ConfigMapExistsAsync(kube, "default", name));
    }

    [Fact]
    public async Task A_namespace_beside_a_configmap_on_a_namespaced_route_is_refused_and_the_configmap_is_not_created()
    {
        var ns = await fixture.NamespaceAsync();
        var extra = $"made-{Guid.NewGuid():N}"[..16];
        var yaml = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: prod
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {extra}
            """;
        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("document 2", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Namespace", answer.Text, StringComparison.Ordinal);
        using var kube = fixture.Kube();
        Assert.False(await ConfigMapExistsAsync(kube, ns, "settings"));
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => kube.CoreV1.ReadNamespaceAsync(extra));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task A_user_who_may_create_configmaps_but_not_secrets_gets_403_for_a_secret_by_yaml_as_by_the_form()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var user = await PlatformAccess.MemberAsync(fixture.Platform, workspace, ("workloads", "create"), ("configmaps", "create"));
        const string secret = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: stolen
            stringData:
              token: abc
            """;
        const string configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: allowed
            data:
              mode: prod
            """;

        var byYaml = await SendYamlAsync(user, HttpMethod.Post, Manifests(ns), secret);
        using var byForm = await user.PostAsJsonAsync($"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/secrets",
            new { name = "stolen", data = new Dictionary<string, string> { ["token"] = "abc" } });
        var allowed = await SendYamlAsync(user, HttpMethod.Post, Manifests(ns), configMap);

        Assert.Equal(HttpStatusCode.Forbidden, byYaml.Status);
        Assert.Contains("document 1", byYaml.Text, StringComparison.Ordinal);
        Assert.Contains("create secrets", byYaml.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        using var kube = fixture.Kube();
        Assert.Empty((await kube.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=stolen")).Items);
        Assert.True(await ConfigMapExistsAsync(kube, ns, "allowed"));
    }

    [Fact]
    public async Task A_user_who_may_update_workloads_but_not_secrets_cannot_replace_a_secret_by_yaml()
    {
        var ns = await fixture.NamespaceAsync();
        using (var kube = fixture.Kube())
        {
            await kube.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret
            {
                Metadata = new k8s.Models.V1ObjectMeta { Name = "kept" },
                Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("original") },
            }, ns);
        }

        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var user = await PlatformAccess.MemberAsync(fixture.Platform, workspace, ("workloads", "update"), ("configmaps", "update"));
        const string yaml = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: kept
            data:
              token: cmVwbGFjZWQ=
            """;

        var answer = await SendYamlAsync(user, HttpMethod.Put, $"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments/web/json", yaml);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("update secrets", answer.Text, StringComparison.Ordinal);
        using var check = fixture.Kube();
        var kept = await check.CoreV1.ReadNamespacedSecretAsync("kept", ns);
        Assert.Equal("original", Encoding.UTF8.GetString(kept.Data["token"]));
    }

    [Fact]
    public async Task A_kind_without_a_form_endpoint_needs_a_right_on_its_own_resource_type()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var user = await PlatformAccess.MemberAsync(fixture.Platform, workspace, ("workloads", "create"), ("configmaps", "create"));
        const string yaml = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: deployer
            """;

        var answer = await SendYamlAsync(user, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("create serviceaccounts", answer.Text, StringComparison.Ordinal);
        using var kube = fixture.Kube();
        Assert.Empty((await kube.CoreV1.ListNamespacedServiceAccountAsync(ns, fieldSelector: "metadata.name=deployer")).Items);
    }

    [Fact]
    public async Task An_ingress_by_manifest_needs_what_its_own_endpoint_needs()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var viewer = await PlatformAccess.MemberWithRoleAsync(fixture.Platform, workspace, "ns-viewer");
        using var workloadsOnly = await PlatformAccess.MemberAsync(fixture.Platform, workspace, ("workloads", "create"));
        using var editor = await PlatformAccess.MemberWithRoleAsync(fixture.Platform, workspace, "ns-editor");
        static string Ingress(string name) => $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
            spec:
              rules:
              - host: {name}.example.com
            """;

        var byViewer = await SendYamlAsync(viewer, HttpMethod.Post, Manifests(ns), Ingress("by-viewer"));
        var byWorkloadsOnly = await SendYamlAsync(workloadsOnly, HttpMethod.Post, Manifests(ns), Ingress("by-workloads"));
        using var byForm = await workloadsOnly.PostAsJsonAsync($"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/ingresses",
            new { data = Ingress("by-form") });
        var byEditor = await SendYamlAsync(editor, HttpMethod.Post, Manifests(ns), Ingress("by-editor"));

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byWorkloadsOnly.Status);
        Assert.Contains("create ingresses", byWorkloadsOnly.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byEditor.Status);
        using var kube = fixture.Kube();
        var ingresses = (await kube.NetworkingV1.ListNamespacedIngressAsync(ns)).Items.Select(i => i.Metadata.Name).ToList();
        Assert.Equal("by-editor", Assert.Single(ingresses));
    }

    [Fact]
    public async Task A_service_account_token_secret_by_manifest_needs_the_service_account_right_as_on_the_secrets_endpoint()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var editor = await PlatformAccess.MemberWithRoleAsync(fixture.Platform, workspace, "ns-editor");
        using var admin = await PlatformAccess.MemberWithRoleAsync(fixture.Platform, workspace, "ns-admin");
        static string Token(string name) => $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: {name}
              annotations:
                kubernetes.io/service-account.name: default
            type: kubernetes.io/service-account-token
            """;

        var byEditor = await SendYamlAsync(editor, HttpMethod.Post, Manifests(ns), Token("by-editor"));
        var byAdmin = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), Token("by-admin"));

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.Status);
        Assert.Contains("serviceaccounts", byEditor.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byAdmin.Status);
        using var kube = fixture.Kube();
        var secrets = (await kube.CoreV1.ListNamespacedSecretAsync(ns)).Items.Select(s => s.Metadata.Name).ToList();
        Assert.DoesNotContain("by-editor", secrets);
        Assert.Contains("by-admin", secrets);
    }

    [Fact]
    public void Every_kind_a_manifest_may_hold_has_the_permission_of_its_own_endpoint()
    {
        foreach (var kind in Kubernetes.ManifestReader.SupportedKinds)
        {
            Assert.True(KindPermissions.For(kind.Kind) is not null, $"{kind.Kind} has no permission in KindPermissions");
        }

        Assert.Equal(KindPermissions.Secrets, KindPermissions.For("Secret"));
        Assert.Equal(KindPermissions.ResourceQuotas, KindPermissions.For("ResourceQuota"));
    }

    [Fact]
    public async Task A_resource_quota_above_the_workspace_ceiling_is_refused_by_yaml_as_by_the_form()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns, wholeCluster: true);
        await PlatformAccess.SetWorkspaceQuotaAsync(fixture.Platform, workspace, Cluster, new { requestsCpu = "2", requestsMemory = "4Gi" });
        using var admin = fixture.Platform.AdminClient();
        static string Quota(string cpu) => $"""
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: quota
            spec:
              hard:
                requests.cpu: "{cpu}"
                requests.memory: 1Gi
            """;

        var byYaml = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), Quota("3"));
        using var byForm = await admin.PutAsJsonAsync($"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/resourcequotas",
            new { hard = new Dictionary<string, string> { ["requests.cpu"] = "3", ["requests.memory"] = "1Gi" } });
        using var kube = fixture.Kube();
        var quotasAfterRefusal = (await kube.CoreV1.ListNamespacedResourceQuotaAsync(ns)).Items;
        var withinCeiling = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), Quota("1500m"));

        Assert.Equal(HttpStatusCode.BadRequest, byYaml.Status);
        Assert.Contains("requests.cpu", byYaml.Text, StringComparison.Ordinal);
        Assert.Contains($"workspace {workspace}", byYaml.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, byForm.StatusCode);
        Assert.Empty(quotasAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, withinCeiling.Status);
    }

    [Fact]
    public async Task A_quota_holder_cannot_exceed_the_workspace_ceiling_through_DCEs_create_and_replace_by_name()
    {
        var ns = await fixture.NamespaceAsync();
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns, wholeCluster: true);
        await PlatformAccess.SetWorkspaceQuotaAsync(fixture.Platform, workspace, Cluster, new { requestsCpu = "2", requestsMemory = "4Gi" });
        using var holder = await PlatformAccess.MemberAsync(fixture.Platform, workspace,
            ("resourcequotas", "get"), ("resourcequotas", "list"), ("resourcequotas", "create"), ("resourcequotas", "update"));
        var quotas = $"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/resourcequotas";
        static object Quota(string name, string cpu) => new { data = $"{{\"apiVersion\":\"v1\",\"kind\":\"ResourceQuota\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"hard\":{{\"requests.cpu\":\"{cpu}\",\"requests.memory\":\"1Gi\"}}}}}}" };
        using var kube = fixture.Kube();

        using var created = await holder.PostAsJsonAsync(quotas, Quota("quota", "3"));
        var createdText = await created.Content.ReadAsStringAsync();
        var afterRefusedCreate = (await kube.CoreV1.ListNamespacedResourceQuotaAsync(ns)).Items;
        using var escaping = await holder.PostAsJsonAsync(quotas, Quota("second", "1"));
        using var within = await holder.PostAsJsonAsync(quotas, Quota("quota", "1500m"));
        using var replaced = await holder.PutAsJsonAsync($"{quotas}/quota", Quota("quota", "3"));
        var replacedText = await replaced.Content.ReadAsStringAsync();
        var kept = await kube.CoreV1.ReadNamespacedResourceQuotaAsync("quota", ns);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("requests.cpu", createdText, StringComparison.Ordinal);
        Assert.Contains($"workspace {workspace}", createdText, StringComparison.Ordinal);
        Assert.Empty(afterRefusedCreate);
        Assert.Equal(HttpStatusCode.BadRequest, escaping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replaced.StatusCode);
        Assert.Contains($"workspace {workspace}", replacedText, StringComparison.Ordinal);
        Assert.Equal("1500m", kept.Spec.Hard["requests.cpu"].ToString());
    }

    [Fact]
    public async Task A_resource_quota_other_than_the_one_the_module_manages_is_refused()
    {
        var ns = await fixture.NamespaceAsync();
        const string yaml = """
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: second
            spec:
              hard:
                requests.cpu: "64"
            """;
        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("quota", answer.Text, StringComparison.Ordinal);
        using var kube = fixture.Kube();
        Assert.Empty((await kube.CoreV1.ListNamespacedResourceQuotaAsync(ns)).Items);
    }

    [Fact]
    public async Task A_yaml_alias_bomb_is_a_400_and_nothing_is_applied()
    {
        var ns = await fixture.NamespaceAsync();
        var yaml = new StringBuilder("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: bomb
              managedFields:
              - manager: laughs
                fieldsV1:
                  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]

            """);
        for (var level = 1; level < 5; level++)
        {
            yaml.Append($"      l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        }

        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("alias", answer.Text, StringComparison.OrdinalIgnoreCase);
        using var kube = fixture.Kube();
        Assert.DoesNotContain((await kube.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name is "first" or "bomb");
    }

    [Fact]
    public async Task A_document_nested_200_deep_is_a_400_and_nothing_is_applied()
    {
        var ns = await fixture.NamespaceAsync();
        var yaml = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: deep
              managedFields:
              - manager: deep
                fieldsV1: {new string('[', 200)}{new string(']', 200)}
            """;
        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("document 2", answer.Text, StringComparison.Ordinal);
        Assert.Contains("deeper than 64", answer.Text, StringComparison.Ordinal);
        using var kube = fixture.Kube();
        Assert.DoesNotContain((await kube.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name is "first" or "deep");
    }

    [Fact]
    public async Task A_manifest_of_more_than_100_documents_is_a_400_and_nothing_is_applied()
    {
        var ns = await fixture.NamespaceAsync();
        var yaml = string.Join("---\n", Enumerable.Range(1, 101).Select(i => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many-{i}\n"));
        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("100 documents", answer.Text, StringComparison.Ordinal);
        using var kube = fixture.Kube();
        Assert.DoesNotContain((await kube.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name.StartsWith("many-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manifest_larger_than_2_MiB_is_a_413_and_nothing_is_applied()
    {
        var ns = await fixture.NamespaceAsync();
        var yaml = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: large\ndata:\n  blob: {new string('x', 3 * 1024 * 1024)}\n";
        using var admin = fixture.Platform.AdminClient();

        var answer = await SendYamlAsync(admin, HttpMethod.Post, Manifests(ns), yaml);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        using var kube = fixture.Kube();
        Assert.False(await ConfigMapExistsAsync(kube, ns, "large"));
    }

    private static string Manifests(string ns) => $"{PlatformAccess.Kpanda}/clusters/{Cluster}/namespaces/{ns}/deployments/json";

    private static async Task<(HttpStatusCode Status, string Text)> SendYamlAsync(HttpClient client, HttpMethod method, string path, string yaml)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<bool> ConfigMapExistsAsync(IKubernetes kube, string ns, string name) =>
        (await kube.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: $"metadata.name={name}")).Items.Count > 0;
}
