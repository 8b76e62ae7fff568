using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.Multicloud.Tests.Api;

/// <summary>
/// DCE's promotion: a Deployment running in one member becomes a multicloud Deployment that keeps its pods, takes its
/// ConfigMap and Service along, and then spreads to other members by widening its policy. Taking a member's object over
/// needs a grant on the whole instance, by promotion or by a policy's conflictResolution alike.
/// </summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class PromotionTests(MulticloudPlatform platform) : IAsyncLifetime
{
    private const string Instance = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}";
    private const string Password = "Promote-Pa55-word";
    private readonly string _ns = $"promo-{Guid.NewGuid():N}"[..14];

    public async Task InitializeAsync()
    {
        await platform.JoinMembersAsync();
        await Eventually.Until(async () =>
        {
            var clusters = JsonSerializer.SerializeToElement(await platform.Clusters.Client(MulticloudPlatform.Instance).CustomObjects.ListClusterCustomObjectAsync("cluster.karmada.io", "v1alpha1", "clusters"));
            return clusters.GetProperty("items").EnumerateArray().Count(IsReady) == MulticloudPlatform.Members.Length;
        }, "every member Ready");
        var member = platform.Clusters.Client("member-1");
        await member.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        await member.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "web-settings" }, Data = new Dictionary<string, string> { ["mode"] = "live" } }, _ns);
        await member.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, _ns);
        await member.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }],
                        Volumes = [new V1Volume { Name = "settings", ConfigMap = new V1ConfigMapVolumeSource { Name = "web-settings" } }],
                    },
                },
            },
        }, _ns);
        await Eventually.Until(async () => (await member.AppsV1.ReadNamespacedDeploymentAsync("web", _ns)).Status?.AvailableReplicas == 2, "the member's deployment available");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_promoted_deployment_keeps_its_pods_and_then_spreads_with_its_configmap_and_service()
    {
        var member = platform.Clusters.Client("member-1");
        var podsBefore = await PodNamesAsync(member);
        var lowest = int.MaxValue;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, (await member.AppsV1.ReadNamespacedDeploymentAsync("web", _ns)).Status?.AvailableReplicas ?? 0);
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);

        var promoted = await platform.Admin().PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/{_ns}/deployments/web:promote", new { services = new[] { "web" } });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        await Eventually.Until(async () => (await member.AppsV1.ReadNamespacedDeploymentAsync("web", _ns)).Metadata.Labels?.ContainsKey("karmada.io/managed") == true
            && (await member.CoreV1.ReadNamespacedConfigMapAsync("web-settings", _ns)).Metadata.Labels?.ContainsKey("karmada.io/managed") == true
            && (await member.CoreV1.ReadNamespacedServiceAsync("web", _ns)).Metadata.Labels?.ContainsKey("karmada.io/managed") == true,
            "the member's deployment, configmap and service taken over");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await sampling.CancelAsync();
        await sampler;

        Assert.True(lowest == 2, $"the member's deployment stayed available through the promotion (lowest {lowest})");
        Assert.Equal(podsBefore, await PodNamesAsync(member));
        await Eventually.Until(async () => (await platform.Admin().GetFromJsonAsync<JsonElement>($"{Instance}/namespaces/{_ns}/deployments/web"))
            .GetProperty("status").TryGetProperty("readyReplicas", out var ready) && ready.GetInt32() == 2, "the template's status read back from member-1");

        var widened = await platform.Admin().PatchAsJsonAsync($"{Instance}/namespaces/{_ns}/propagationpolicies/web-deployment-promoted",
            new { data = """{"spec":{"placement":{"clusterAffinity":{"clusterNames":["member-1","member-2"]}}}}""" });
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        var second = platform.Clusters.Client("member-2");
        await Eventually.Until(async () => await ExistsAsync(() => second.AppsV1.ReadNamespacedDeploymentAsync("web", _ns))
            && await ExistsAsync(() => second.CoreV1.ReadNamespacedConfigMapAsync("web-settings", _ns))
            && await ExistsAsync(() => second.CoreV1.ReadNamespacedServiceAsync("web", _ns)), "the deployment, configmap and service in member-2");
        Assert.Equal(podsBefore, await PodNamesAsync(member));

        var again = await platform.Admin().PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/{_ns}/deployments/web:promote", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_policy_without_overwrite_leaves_a_members_own_object_alone()
    {
        var admin = platform.Admin();
        (await admin.PostAsJsonAsync($"{Instance}/namespaces", new { data = $"metadata:\n  name: {_ns}\n" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Instance}/namespaces/{_ns}/deployments", new { data = Manifests.Deployment("web", "nginx:1.25", 1) })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Instance}/namespaces/{_ns}/propagationpolicies", new
        {
            data = "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]\n  placement: {clusterAffinity: {clusterNames: [member-1]}}\n",
        })).EnsureSuccessStatusCode();

        await Eventually.Until(async () => await FullyAppliedAsync("web-deployment") == false, "the binding saying the member's object was not applied");
        var kept = await platform.Clusters.Client("member-1").AppsV1.ReadNamespacedDeploymentAsync("web", _ns);
        Assert.Equal("nginx:1.27", kept.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(2, kept.Spec.Replicas);
    }

    [Fact]
    public async Task Only_a_grant_on_the_whole_instance_takes_a_members_object_over()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var workspace = await platform.WorkspaceAsync($"promo-{suffix}");
        await platform.UserAsync($"promo-editor-{suffix}", Password, workspace, "workspace-admin");
        (await platform.Admin().PostAsJsonAsync($"{Instance}/namespaces", new { data = $"metadata:\n  name: {_ns}\n" })).EnsureSuccessStatusCode();
        (await platform.Admin().PostAsJsonAsync($"{MulticloudPlatform.Kairship}/workspace-management/namespaces/-/actions",
            new { @namespace = _ns, instance = MulticloudPlatform.Instance, workspace = new { workspaceId = workspace }, action = "BIND" })).EnsureSuccessStatusCode();
        var editor = await platform.ClientForAsync($"promo-editor-{suffix}", Password);

        var promote = await editor.PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/{_ns}/deployments/web:promote", new { });
        var takeover = await editor.PostAsJsonAsync($"{Instance}/namespaces/{_ns}/propagationpolicies", new
        {
            data = "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: grab}\nspec:\n  conflictResolution: Overwrite\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]\n  placement: {clusterAffinity: {clusterNames: [member-1]}}\n",
        });
        var abort = await editor.PostAsJsonAsync($"{Instance}/namespaces/{_ns}/propagationpolicies", new
        {
            data = "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: polite}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]\n  placement: {clusterAffinity: {clusterNames: [member-1]}}\n",
        });
        var patched = await editor.PatchAsJsonAsync($"{Instance}/namespaces/{_ns}/propagationpolicies/polite", new { data = """{"spec":{"conflictResolution":"Overwrite"}}""" });
        var system = await platform.Admin().PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/kube-system/deployments/web:promote", new { });
        var missing = await platform.Admin().PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/{_ns}/deployments/absent:promote", new { });

        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, takeover.StatusCode);
        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, patched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, system.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("absent", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin().GetAsync($"{Instance}/namespaces/{_ns}/deployments/web")).StatusCode);
        var kept = await platform.Clusters.Client("member-1").AppsV1.ReadNamespacedDeploymentAsync("web", _ns);
        Assert.False(kept.Metadata.Labels?.ContainsKey("karmada.io/managed") ?? false);
    }

    [Fact]
    public async Task A_promotion_the_control_plane_refuses_in_part_writes_nothing()
    {
        var controlPlane = platform.Clusters.Client(MulticloudPlatform.Instance);
        await controlPlane.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        await controlPlane.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = "no-configmaps" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["count/configmaps"] = new("0") } },
        }, _ns);

        var promoted = await platform.Admin().PostAsJsonAsync($"{Instance}/member-clusters/member-1/namespaces/{_ns}/deployments/web:promote", new { services = new[] { "web" } });

        Assert.True((int)promoted.StatusCode >= 400, $"the promotion was refused (answered {promoted.StatusCode})");
        Assert.Contains("exceeded quota", await promoted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await ExistsAsync(() => controlPlane.CustomObjects.GetNamespacedCustomObjectAsync("policy.karmada.io", "v1alpha1", _ns, "propagationpolicies", "web-deployment-promoted")));
        Assert.False(await ExistsAsync(() => controlPlane.AppsV1.ReadNamespacedDeploymentAsync("web", _ns)));
        Assert.False(await ExistsAsync(() => controlPlane.CoreV1.ReadNamespacedServiceAsync("web", _ns)));
    }

    private static bool IsReady(JsonElement cluster) =>
        cluster.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private async Task<bool?> FullyAppliedAsync(string binding)
    {
        try
        {
            var controlPlane = platform.Clusters.Client(MulticloudPlatform.Instance);
            var found = JsonSerializer.SerializeToElement(await controlPlane.CustomObjects.GetNamespacedCustomObjectAsync("work.karmada.io", "v1alpha2", _ns, "resourcebindings", binding));
            return found.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().FirstOrDefault(c => c.GetProperty("type").GetString() == "FullyApplied") is { ValueKind: JsonValueKind.Object } condition
                ? condition.GetProperty("status").GetString() == "True"
                : null;
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<List<string>> PodNamesAsync(IKubernetes member) =>
        [.. (await member.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "app=web")).Items.Select(pod => pod.Metadata.Name).Order(StringComparer.Ordinal)];

    private static async Task<bool> ExistsAsync<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
