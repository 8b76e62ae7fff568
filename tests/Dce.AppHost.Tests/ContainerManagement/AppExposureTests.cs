using System.Net;
using System.Text.Json;
using Dce.Testing;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>
/// What a team does on day one, through the gateway with DCE's bodies: a claim, a Deployment mounting it, a Service and an
/// Ingress in front, an autoscaler on it; and a kubeconfig of their own that can do exactly what their role allows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AppExposureTests(PlatformFixture platform)
{
    private const string Simulated = "cloud-west";

    [Fact]
    public async Task An_app_is_exposed_by_a_service_and_an_ingress_with_a_claim_mounted_and_an_autoscaler_attached()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, Simulated);
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "expose");
        var root = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}";

        (await api.PostAsync($"{root}/persistentvolumeclaims", Data("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: shop-data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """))).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{root}/deployments/json", Data("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: shop}}
              template:
                metadata: {labels: {app: shop}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports: [{containerPort: 80}]
                    resources: {requests: {cpu: 100m, memory: 64Mi}}
                    volumeMounts: [{name: data, mountPath: /data}]
                  volumes:
                  - name: data
                    persistentVolumeClaim: {claimName: shop-data}
            """))).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{root}/services", Data("""
            apiVersion: v1
            kind: Service
            metadata: {name: shop}
            spec:
              selector: {app: shop}
              ports: [{port: 80, targetPort: 80}]
            """))).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{root}/ingresses", Data("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop}
            spec:
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
            """))).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{root}/horizontalpodautoscalers", Data("""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}
              minReplicas: 2
              maxReplicas: 6
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
            """))).Expect(HttpStatusCode.OK);

        var claim = await api.WaitForAsync($"{root}/persistentvolumeclaims/shop-data", json => Text(json, "status", "phase") == "Bound", "the claim Bound");
        Assert.False(string.IsNullOrEmpty(Text(claim, "spec", "volumeName")));
        var pods = await api.WaitForAsync($"{root}/pods?labelSelector=app%3Dshop",
            json => json.GetProperty("items").EnumerateArray().Count(p => Text(p, "status", "phase") == "Running") == 2, "2 Running pods of the app");
        Assert.All(pods.GetProperty("items").EnumerateArray(), pod => Assert.Contains(
            pod.GetProperty("spec").GetProperty("volumes").EnumerateArray(),
            v => v.TryGetProperty("persistentVolumeClaim", out var source) && source.GetProperty("claimName").GetString() == "shop-data"));
        var service = (await api.GetAsync($"{root}/services/shop")).Expect(HttpStatusCode.OK).Json;
        Assert.False(string.IsNullOrEmpty(Text(service, "spec", "clusterIP")));
        var ingress = await api.WaitForAsync($"{root}/ingresses/shop",
            json => json.TryGetProperty("status", out var status) && status.GetProperty("loadBalancer").TryGetProperty("ingress", out var addresses) && addresses.GetArrayLength() > 0,
            "the Ingress's address");
        Assert.Equal("shop", ingress.GetProperty("spec").GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0]
            .GetProperty("backend").GetProperty("service").GetProperty("name").GetString());
        var autoscaler = await api.WaitForAsync($"{root}/horizontalpodautoscalers/shop/json",
            json => JsonDocument.Parse(json.GetProperty("data").GetString()!).RootElement.TryGetProperty("status", out var status)
                && status.TryGetProperty("currentReplicas", out var current) && current.GetInt32() >= 2,
            "the autoscaler reading its Deployment");
        Assert.Equal("shop", JsonDocument.Parse(autoscaler.GetProperty("data").GetString()!).RootElement
            .GetProperty("spec").GetProperty("scaleTargetRef").GetProperty("name").GetString());
        var exposed = (await api.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/ingresses?pageSize=1000")).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(exposed.GetProperty("items").EnumerateArray(), i => Text(i, "metadata", "namespace") == ns && Text(i, "metadata", "name") == "shop");
    }

    [Fact]
    public async Task A_users_kubeconfig_can_do_exactly_what_their_role_allows()
    {
        if (Environment.GetEnvironmentVariable(TargetCluster.KubeconfigVariable) is { Length: > 0 })
        {
            return;
        }

        using var admin = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(admin, Simulated);
        var own = await WorkloadJourneyTests.NewNamespaceAsync(admin, cluster, "own");
        var other = await WorkloadJourneyTests.NewNamespaceAsync(admin, cluster, "other");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var workspace = (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces", new { name = $"ws-kc-{suffix}" })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetInt32();
        (await admin.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{own}:bind", new { workspaceId = workspace })).Expect(HttpStatusCode.Created);
        var (user, password) = ($"editor-{suffix}", $"Pw-{Guid.NewGuid():N}");
        var userId = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = user, password })).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString();
        (await admin.PostAsync($"{PlatformApi.Ghippo}/workspaces/{workspace}/authorize", new { subjectKind = "User", subjectId = userId, roleName = "ns-editor" }))
            .Expect(HttpStatusCode.NoContent);

        using var editor = await PlatformApi.SignInAsync(platform, user, password);
        var answer = (await editor.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/kubeconfig")).Expect(HttpStatusCode.OK).Json;
        var file = Path.Combine(Path.GetTempPath(), $"dce-user-{suffix}.kubeconfig");
        await File.WriteAllTextAsync(file, answer.GetProperty("kubeConfigString").GetString());
        try
        {
            var kubectl = new Kubectl(file);
            Assert.Equal(0, (await kubectl.RunAsync("get", "pods", "-n", own)).ExitCode);
            Assert.Equal("yes", (await kubectl.RunAsync("auth", "can-i", "create", "deployments", "-n", own)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "create", "rolebindings", "-n", own)).Output.Trim());
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "list", "pods", "-n", other)).Output.Trim());
            var refused = await kubectl.RunAsync("get", "pods", "-n", other);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("forbidden", refused.Error, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("no", (await kubectl.RunAsync("auth", "can-i", "delete", "nodes")).Output.Trim());
        }
        finally
        {
            File.Delete(file);
        }

        var outsider = (await admin.PostAsync($"{PlatformApi.Ghippo}/users", new { name = $"nobody-{suffix}", password })).Expect(HttpStatusCode.Created);
        Assert.NotNull(outsider.Json.GetProperty("id").GetString());
        using var nobody = await PlatformApi.SignInAsync(platform, $"nobody-{suffix}", password);
        (await nobody.GetAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/kubeconfig")).Expect(HttpStatusCode.Forbidden);
    }

    private static object Data(string yaml) => new { data = yaml };

    private static string? Text(JsonElement element, string first, string second) =>
        element.TryGetProperty(first, out var outer) && outer.ValueKind == JsonValueKind.Object && outer.TryGetProperty(second, out var inner) && inner.ValueKind == JsonValueKind.String
            ? inner.GetString()
            : null;
}
