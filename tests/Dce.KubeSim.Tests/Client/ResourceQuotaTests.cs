using System.Net;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.KubeSim.Tests.Client;

[Collection(KubeSimCollection.Name)]
public sealed class ResourceQuotaTests(KubeSimServer server)
{
    private static V1ResourceQuota Quota(string name, Dictionary<string, string> hard) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ResourceQuotaSpec { Hard = hard.ToDictionary(h => h.Key, h => new ResourceQuantity(h.Value)) },
    };

    private static V1Pod Pod(string name, Dictionary<string, string>? requests = null, Dictionary<string, string>? limits = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app", Image = "nginx:1.27",
                    Resources = new V1ResourceRequirements
                    {
                        Requests = requests?.ToDictionary(r => r.Key, r => new ResourceQuantity(r.Value)),
                        Limits = limits?.ToDictionary(r => r.Key, r => new ResourceQuantity(r.Value)),
                    },
                },
            ],
        },
    };

    private static async Task<V1Status> Refusal(Func<Task> create)
    {
        var refused = await Assert.ThrowsAsync<HttpOperationException>(create);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        return KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
    }

    [Fact]
    public async Task A_pod_over_a_cpu_quota_is_forbidden_with_the_api_servers_message()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "quota");
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", new() { ["requests.cpu"] = "2", ["pods"] = "10" }), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("first", requests: new() { ["cpu"] = "1" }), ns);

        var status = await Refusal(() => client.CoreV1.CreateNamespacedPodAsync(Pod("second", requests: new() { ["cpu"] = "2" }), ns));

        Assert.Equal("pods \"second\" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2", status.Message);
        Assert.Equal("Forbidden", status.Reason);
        Assert.Equal(403, status.Code);
        Assert.Equal(["first"], (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task Memory_and_storage_are_reported_in_their_canonical_units()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "quota-mem");
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("memory", new() { ["requests.memory"] = "1Gi", ["limits.memory"] = "2Gi" }), ns);
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("storage", new() { ["requests.storage"] = "5Gi", ["persistentvolumeclaims"] = "4" }), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("first", requests: new() { ["memory"] = "768Mi" }, limits: new() { ["memory"] = "1Gi" }), ns);
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("data-1", "3Gi"), ns);

        var pod = await Refusal(() => client.CoreV1.CreateNamespacedPodAsync(Pod("second", requests: new() { ["memory"] = "512Mi" }, limits: new() { ["memory"] = "512Mi" }), ns));
        var claim = await Refusal(() => client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("data-2", "2560Mi"), ns));

        Assert.Equal("pods \"second\" is forbidden: exceeded quota: memory, requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi", pod.Message);
        Assert.Equal("persistentvolumeclaims \"data-2\" is forbidden: exceeded quota: storage, requested: requests.storage=2560Mi, used: requests.storage=3Gi, limited: requests.storage=5Gi", claim.Message);
    }

    [Fact]
    public async Task A_pod_that_leaves_out_a_limited_resource_must_specify_it()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "quota-spec");
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", new() { ["requests.cpu"] = "4", ["limits.cpu"] = "8" }), ns);

        var bare = await Refusal(() => client.CoreV1.CreateNamespacedPodAsync(Pod("bare"), ns));
        var noLimit = await Refusal(() => client.CoreV1.CreateNamespacedPodAsync(Pod("no-limit", requests: new() { ["cpu"] = "1" }), ns));
        var limitOnly = await client.CoreV1.CreateNamespacedPodAsync(Pod("limit-only", limits: new() { ["cpu"] = "1" }), ns);

        Assert.Equal("pods \"bare\" is forbidden: failed quota: compute: must specify limits.cpu for: app; requests.cpu for: app", bare.Message);
        Assert.Equal("pods \"no-limit\" is forbidden: failed quota: compute: must specify limits.cpu for: app", noLimit.Message);
        Assert.Equal("1", limitOnly.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("Burstable", limitOnly.Status.QosClass);
    }

    [Fact]
    public async Task Quota_status_reports_hard_and_used_and_follows_deletions()
    {
        using var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "quota-status");
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("objects", new() { ["pods"] = "5", ["requests.cpu"] = "1", ["count/configmaps"] = "3" }), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("a", requests: new() { ["cpu"] = "250m" }), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("b", requests: new() { ["cpu"] = "500m" }), ns);

        await Eventually.Until(async () => Used(await client.CoreV1.ReadNamespacedResourceQuotaAsync("objects", ns)) == "count/configmaps=0,pods=2,requests.cpu=750m", "usage of two pods");
        await client.CoreV1.DeleteNamespacedPodAsync("a", ns);
        await Eventually.Until(async () => Used(await client.CoreV1.ReadNamespacedResourceQuotaAsync("objects", ns)) == "count/configmaps=0,pods=1,requests.cpu=500m", "usage after a deletion");
        var quota = await client.CoreV1.ReadNamespacedResourceQuotaAsync("objects", ns);

        Assert.Equal(["count/configmaps", "pods", "requests.cpu"], quota.Status.Hard.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", quota.Status.Hard["requests.cpu"].ToString());
    }

    private static string Used(V1ResourceQuota quota) =>
        string.Join(",", (quota.Status?.Used ?? new Dictionary<string, ResourceQuantity>()).OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}={u.Value}"));

    private static V1PersistentVolumeClaim Claim(string name, string size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };
}
