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

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
