using System.Net;
using System.Text.Json;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>
/// A Deployment's life through the gateway: form, scale, new image, rollback, the cluster's quota refusal, logs,
/// delete; cordon; all-or-nothing manifests. On a simulated cluster, or a real one given by <c>DCE_TEST_KUBECONFIG</c>.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkloadJourneyTests(PlatformFixture platform)
{
    private const string Simulated = "cloud-west";

    [Fact]
    public async Task A_deployment_is_created_scaled_rolled_out_rolled_back_and_deleted()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await NewNamespaceAsync(api, cluster, "journey");
        var deployments = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments";

        (await api.PostAsync(deployments, new
        {
            name = "web",
            image = "nginx:1.26",
            replicas = 2,
            ports = new[] { new { containerPort = 80 } },
            env = new[] { new { name = "MODE", value = "production" } },
            resources = new { requestsCpu = "100m", requestsMemory = "64Mi", limitsCpu = "500m", limitsMemory = "128Mi" },
            readinessProbe = new { httpGetPath = "/", httpGetPort = 80, periodSeconds = 5 },
        })).Expect(HttpStatusCode.Created);
        (await api.PostAsync(deployments, new { name = "Bad_Name", image = "nginx" })).Expect(HttpStatusCode.BadRequest);

        var pods = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods?labelSelector=app%3Dweb&pageSize=100";
        await api.WaitForAsync(pods, json => ReadyPods(json) == 2, "2 Ready pods");
        (await api.PostAsync($"{deployments}/web:scale", new { replicas = 5 })).Expect(HttpStatusCode.OK);
        var scaled = await api.WaitForAsync(pods, json => ReadyPods(json) == 5 && Live(json).Count() == 5, "5 Ready pods");
        Assert.Equal(5, Live(scaled).Count());
        await api.WaitForAsync($"{deployments}/web", json => json.GetProperty("status").TryGetProperty("readyReplicas", out var ready) && ready.GetInt32() == 5,
            "the Deployment's 5 ready replicas");

        (await api.PatchAsync($"{deployments}/web", new { spec = new { template = new { spec = new { containers = new[] { new { name = "web", image = "nginx:1.27" } } } } } }))
            .Expect(HttpStatusCode.OK);
        await api.WaitForAsync($"{deployments}/web", json => Images(json).SequenceEqual(["nginx:1.27"]), "the new template");
        await api.WaitForAsync(pods, json => ReadyPods(json) == 5 && Live(json).All(p => Image(p) == "nginx:1.27"), "the rollout to nginx:1.27");
        var revisions = (await api.GetAsync($"{deployments}/web/revisions")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(2, revisions.GetArrayLength());
        var first = revisions.EnumerateArray().Single(r => r.GetProperty("images").EnumerateArray().Any(i => i.GetString() == "nginx:1.26"));

        var rolledBack = (await api.PostAsync($"{deployments}/web:rollback", new { revision = first.GetProperty("revision").GetInt64() })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("nginx:1.26", Assert.Single(Images(rolledBack.GetProperty("deployment"))));
        await api.WaitForAsync(pods, json => Live(json).Count(p => Image(p) == "nginx:1.26" && IsReady(p)) == 5, "the rollback to nginx:1.26");

        var quotas = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/resourcequotas";
        (await api.PutAsync(quotas, new { hard = new Dictionary<string, string> { ["requests.cpu"] = "600m" } })).Expect(HttpStatusCode.OK);
        (await api.PutAsync(quotas, new { hard = new Dictionary<string, string> { ["requests.cpu"] = "lots" } })).Expect(HttpStatusCode.BadRequest);
        (await api.PostAsync($"{deployments}/web:scale", new { replicas = 8 })).Expect(HttpStatusCode.OK);
        var refused = await api.WaitForAsync($"{deployments}/web", json => Condition(json, "ReplicaFailure")?.Contains("exceeded quota", StringComparison.Ordinal) == true,
            "the cluster's quota refusal on the Deployment");
        Assert.Contains("requests.cpu", Condition(refused, "ReplicaFailure"), StringComparison.Ordinal);
        Assert.InRange(ReadyPods((await api.GetAsync(pods)).Expect(HttpStatusCode.OK).Json), 5, 6);
        (await api.PostAsync($"{deployments}/web:scale", new { replicas = 5 })).Expect(HttpStatusCode.OK);

        var pod = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods?labelSelector=app%3Dweb")).Expect(HttpStatusCode.OK)
            .Json.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString();
        var log = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods/{pod}/log?tailLines=5")).Expect(HttpStatusCode.OK).Json;
        Assert.InRange(log.GetProperty("data").GetArrayLength(), 1, 5);
        var events = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/events?kind=Pod&name={pod}")).Expect(HttpStatusCode.OK).Json;
        Assert.True(events.GetProperty("items").GetArrayLength() > 0, "the pod has events");

        (await api.DeleteAsync($"{deployments}/web")).Expect(HttpStatusCode.OK);
        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods?labelSelector=app%3Dweb",
            json => json.GetProperty("pagination").GetProperty("total").GetInt32() == 0, "the pods gone");
        (await api.GetAsync($"{deployments}/web")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task New_pods_avoid_a_cordoned_node()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await NewNamespaceAsync(api, cluster, "cordon");
        var nodes = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/nodes?pageSize=100")).Expect(HttpStatusCode.OK).Json;
        var workers = nodes.GetProperty("items").EnumerateArray()
            .Where(n => !n.GetProperty("status").GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "CONTROL_PLANE"))
            .Select(n => n.GetProperty("metadata").GetProperty("name").GetString()!).ToList();
        var cordoned = workers[0];

        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/nodes/{cordoned}/cordon")).Expect(HttpStatusCode.OK);
        try
        {
            Assert.True((await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/nodes/{cordoned}")).Expect(HttpStatusCode.OK).Json.GetProperty("spec").GetProperty("unschedulable").GetBoolean());
            var deployments = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments";
            (await api.PostAsync(deployments, new { name = "spread", image = "busybox:1.36", replicas = 6 })).Expect(HttpStatusCode.Created);
            var ready = await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/pods?labelSelector=app%3Dspread&pageSize=100",
                json => ReadyPods(json) == 6, "6 Ready pods");
            var placed = Live(ready).Select(p => p.GetProperty("spec").GetProperty("nodeName").GetString()).ToList();
            Assert.DoesNotContain(cordoned, placed);
            Assert.All(placed, node => Assert.Contains(node, workers));
        }
        finally
        {
            (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/nodes/{cordoned}/uncordon")).Expect(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_manifest_with_a_conflict_applies_nothing_and_malformed_yaml_is_refused()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await NewNamespaceAsync(api, cluster, "manifest");
        var path = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments/json";
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/configmaps", new { name = "taken", data = new Dictionary<string, string> { ["a"] = "1" } }))
            .Expect(HttpStatusCode.Created);

        var manifest = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: fresh{"}"}
            data: {"{"}b: "2"{"}"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{"}name: api{"}"}
            spec:
              selector: {"{"}matchLabels: {"{"}app: api{"}"}{"}"}
              template:
                metadata: {"{"}labels: {"{"}app: api{"}"}{"}"}
                spec: {"{"}containers: [{"{"}name: api, image: "nginx:1.26"{"}"}]{"}"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: taken{"}"}
            """;
        var conflict = (await api.SendTextAsync(HttpMethod.Post, path, manifest, "application/yaml")).Expect(HttpStatusCode.Conflict);
        Assert.Contains("taken", conflict.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/configmaps/fresh")).Expect(HttpStatusCode.NotFound);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments/api")).Expect(HttpStatusCode.NotFound);

        var malformed = (await api.SendTextAsync(HttpMethod.Post, path, "kind: Deployment\nmetadata: [unclosed", "application/yaml")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("manifest", malformed.Json.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task<string> NewNamespaceAsync(PlatformApi api, string cluster, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces", new { name })).Expect(HttpStatusCode.Created);
        return name;
    }

    private static string? Condition(JsonElement workload, string type) =>
        workload.GetProperty("status").TryGetProperty("conditions", out var conditions)
            ? conditions.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("message").GetString()).FirstOrDefault()
            : null;

    private static int ReadyPods(JsonElement pods) => Live(pods).Count(IsReady);

    private static IEnumerable<JsonElement> Live(JsonElement pods) =>
        pods.GetProperty("items").EnumerateArray().Where(p => !p.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));

    private static bool IsReady(JsonElement pod) =>
        pod.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _) is false
        && pod.GetProperty("status").TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private static string? Image(JsonElement pod) => pod.GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString();

    private static IEnumerable<string> Images(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("image").GetString()!);
}
