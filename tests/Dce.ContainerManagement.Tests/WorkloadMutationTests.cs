using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Tests;

public sealed class WorkloadMutationTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Cluster = PlatformFixture.Cluster;

    [Fact]
    public async Task Scaling_a_deployment_writes_one_audit_and_one_workload_changed_event_to_the_outbox()
    {
        var ns = await fixture.NamespaceAsync();
        using (var kube = fixture.Kube())
        {
            await kube.AppsV1.CreateNamespacedDeploymentAsync(PlatformFixture.Deployment("web", 1), ns);
        }

        var head = await fixture.OutboxHeadAsync();
        using var client = fixture.Platform.AdminClient();

        using var response = await client.PostAsJsonAsync($"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/deployments/web:scale", new { replicas = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await fixture.OutboxAsync(head, ns);
        Assert.Single(rows, r => r.EventName == "audit.recorded");
        Assert.Single(rows, r => r.EventName == "kpanda.workload-changed");
        Assert.Equal(2, rows.Count);
        using var audit = JsonDocument.Parse(rows.Single(r => r.EventName == "audit.recorded").Payload);
        Assert.True(Property(audit.RootElement, "succeeded").GetBoolean());
    }

    [Fact]
    public async Task Scaling_a_missing_deployment_writes_one_failed_audit_and_no_workload_event()
    {
        var ns = await fixture.NamespaceAsync();
        var head = await fixture.OutboxHeadAsync();
        using var client = fixture.Platform.AdminClient();

        using var response = await client.PostAsJsonAsync($"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/deployments/absent:scale", new { replicas = 3 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var rows = await fixture.OutboxAsync(head, ns);
        var audit = Assert.Single(rows);
        Assert.Equal("audit.recorded", audit.EventName);
        using var payload = JsonDocument.Parse(audit.Payload);
        Assert.False(Property(payload.RootElement, "succeeded").GetBoolean());
        Assert.Equal(404, Property(payload.RootElement, "statusCode").GetInt32());
    }

    [Fact]
    public async Task A_deployment_over_the_namespace_quota_reports_the_clusters_own_refusal()
    {
        var ns = await fixture.NamespaceAsync();
        using (var kube = fixture.Kube())
        {
            await kube.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
            {
                Metadata = new V1ObjectMeta { Name = "small" },
                Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["requests.cpu"] = new("1"), ["limits.cpu"] = new("1") } },
            }, ns);
            await kube.AppsV1.CreateNamespacedDeploymentAsync(PlatformFixture.Deployment("greedy", 3, cpu: "500m"), ns);
        }

        using var client = fixture.Platform.AdminClient();
        var answer = "";
        await Eventually.Until(async () =>
        {
            answer = await client.GetStringAsync($"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/deployments/greedy");
            return answer.Contains("ReplicaFailure", StringComparison.Ordinal);
        }, "the Deployment's ReplicaFailure condition");

        using var view = JsonDocument.Parse(answer);
        var conditions = view.RootElement.GetProperty("status").GetProperty("conditions").EnumerateArray();
        var failure = Assert.Single(conditions, c => c.GetProperty("type").GetString() == "ReplicaFailure");
        Assert.Contains("exceeded quota: small", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_scales_to_zero_and_start_restores_the_replicas_and_a_viewer_may_do_neither()
    {
        var ns = await fixture.NamespaceAsync();
        using (var kube = fixture.Kube())
        {
            await kube.AppsV1.CreateNamespacedDeploymentAsync(PlatformFixture.Deployment("web", 3), ns);
        }

        var path = $"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/deployments/web";
        var workspace = await PlatformAccess.WorkspaceHoldingAsync(fixture.Platform, Cluster, ns);
        using var viewer = await PlatformAccess.MemberWithRoleAsync(fixture.Platform, workspace, "ns-viewer");
        using var admin = fixture.Platform.AdminClient();

        using var refused = await viewer.PostAsync($"{path}:stop", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(3, await ReplicasAsync(ns));

        using var stopped = await admin.PostAsync($"{path}:stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(0, await ReplicasAsync(ns));
        using (var answer = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync()))
        {
            Assert.Equal("web", answer.RootElement.GetProperty("deployment").GetProperty("metadata").GetProperty("name").GetString());
        }

        using var stoppedAgain = await admin.PostAsync($"{path}:stop", null);
        using var started = await admin.PostAsync($"{path}:start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(3, await ReplicasAsync(ns));
    }

    [Fact]
    public async Task A_dce_patch_body_and_a_raw_patch_both_change_the_deployment_and_an_empty_one_is_a_400()
    {
        var ns = await fixture.NamespaceAsync();
        using (var kube = fixture.Kube())
        {
            await kube.AppsV1.CreateNamespacedDeploymentAsync(PlatformFixture.Deployment("web", 1), ns);
        }

        var path = $"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/deployments/web";
        using var admin = fixture.Platform.AdminClient();
        using var dce = await admin.PatchAsJsonAsync(path, new { data = """{"metadata":{"labels":{"tier":"web"}}}""" });
        using var raw = await admin.PatchAsync(path, new StringContent("""{"metadata":{"labels":{"owner":"team-a"}}}""", System.Text.Encoding.UTF8, "application/merge-patch+json"));
        using var empty = await admin.PatchAsJsonAsync(path, new { data = "" });

        Assert.Equal(HttpStatusCode.OK, dce.StatusCode);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("data", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var kube2 = fixture.Kube();
        var labels = (await kube2.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Metadata.Labels;
        Assert.Equal("web", labels["tier"]);
        Assert.Equal("team-a", labels["owner"]);
    }

    private async Task<int?> ReplicasAsync(string ns)
    {
        using var kube = fixture.Kube();
        return (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
