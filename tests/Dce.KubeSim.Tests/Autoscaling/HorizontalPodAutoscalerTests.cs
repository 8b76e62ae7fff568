using System.Net;
using System.Net.Http.Json;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Autoscaling;

[Collection(KubeSimCollection.Name)]
public sealed class HorizontalPodAutoscalerTests(KubeSimServer server)
{
    private async Task SetCpuLoad(string ns, string cpu)
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        var response = await admin.PutAsJsonAsync($"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/load", new { selector = "app=web", cpu });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static V2HorizontalPodAutoscaler Autoscaler(int min, int max, int utilization) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = utilization } },
                },
            ],
            Behavior = new V2HorizontalPodAutoscalerBehavior { ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 0 } },
        },
    };

    [Fact]
    public async Task An_autoscaler_scales_a_deployment_up_when_load_rises_and_down_when_it_falls()
    {
        var kubectl = server.Kubectl();
        using var client = server.Client();
        var ns = Manifests.UniqueNamespace("hpa");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{requests: {cpu: 100m, memory: 32Mi}}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        await SetCpuLoad(ns, "40m");
        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(Autoscaler(1, 5, 50), ns);
        await Eventually.Until(async () => (await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns)).Status?.CurrentMetrics?.Count > 0,
            "the autoscaler reads the metric");
        Assert.Equal(1, (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);

        await SetCpuLoad(ns, "400m");

        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas == 5, "scaled up to the maximum");
        var events = await client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Reason == "SuccessfulRescale" && e.Message == "New size: 5; reason: cpu resource utilization (percentage of request) above target"
            && e.Source.Component == "horizontal-pod-autoscaler");

        await SetCpuLoad(ns, "100m");

        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas == 2, "scaled back down");
        await Eventually.Until(async () => (await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns)).Status is
            { CurrentReplicas: 2, DesiredReplicas: 2 } status && status.CurrentMetrics[0].Resource.Current.AverageUtilization == 50,
            "status at 2 replicas, 50% utilization");
        var hpa = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns);
        Assert.NotNull(hpa.Status.LastScaleTime);
        Assert.Contains(hpa.Status.Conditions, c => c.Type == "ScalingActive" && c.Status == "True" && c.Reason == "ValidMetricFound"
            && c.Message == "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)");
        Assert.Contains(hpa.Status.Conditions, c => c.Type == "AbleToScale" && c.Status == "True");
        Assert.Contains((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Message == "New size: 2; reason: All metrics below target");
        Assert.Equal(2, (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);
        var row = await kubectl.OkAsync("-n", ns, "get", "hpa", "web", "--no-headers");
        Assert.Equal(["web", "Deployment/web", "cpu:", "50%/50%", "1", "5", "2"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..7]);
    }

    [Fact]
    public async Task An_autoscaler_applied_with_kubectl_reports_a_container_without_a_cpu_request_as_the_controller_does()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("hpanoreq");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{}") + $"""

            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
              namespace: {ns}
            spec:
              scaleTargetRef: {"{"}apiVersion: apps/v1, kind: Deployment, name: web{"}"}
              minReplicas: 1
              maxReplicas: 3
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target: {"{"}type: Utilization, averageUtilization: 50{"}"}
            """);

        var jsonPath = "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].message}";
        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "hpa", "web", "-o", jsonPath))
            .StartsWith("the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container web of Pod web-", StringComparison.Ordinal),
            "ScalingActive False for the missing request");
        Assert.Equal("False FailedGetResourceMetric", (await kubectl.OkAsync("-n", ns, "get", "hpa", "web", "-o",
            "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].status} {.status.conditions[?(@.type==\"ScalingActive\")].reason}")).Trim());
        var warnings = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "type=Warning", "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
        Assert.Contains("FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_autoscaler_brings_a_deployment_below_its_minimum_up_to_it()
    {
        using var client = server.Client();
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("hpamin");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{requests: {cpu: 100m}}"));
        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(Autoscaler(3, 6, 80), ns);

        await Eventually.Until(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas == 3, "scaled to the minimum");
        Assert.Contains((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Message == "New size: 3; reason: Current number of replicas below Spec.MinReplicas");
    }

    [Fact]
    public async Task An_average_memory_target_scales_to_the_count_that_brings_each_pod_to_it()
    {
        using var client = server.Client();
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("hpamem");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 2, "{requests: {cpu: 100m, memory: 64Mi}}"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        using (var admin = server.Http(KubeSimServer.AdminToken))
        {
            var response = await admin.PutAsJsonAsync($"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/load", new { selector = "app=web", memory = "200Mi" });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        var autoscaler = Autoscaler(1, 10, 0);
        autoscaler.Spec.Metrics[0] = new V2MetricSpec
        {
            Type = "Resource",
            Resource = new V2ResourceMetricSource { Name = "memory", Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("50Mi") } },
        };

        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(autoscaler, ns);

        await Eventually.Until(async () => (await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns)).Status is { DesiredReplicas: 4 } status
            && status.CurrentMetrics?[0].Resource.Current.AverageValue?.ToString() == "52428800", "four pods at 50Mi each");
        Assert.Contains((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Message == "New size: 4; reason: memory resource above target");
        Assert.Equal(4, (await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);
    }

    [Fact]
    public async Task Without_a_behavior_a_falling_load_is_held_by_the_default_scale_down_window()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("hpawindow");
        await kubectl.ApplyAsync(LoadManifests.App(ns, 1, "{requests: {cpu: 100m}}", annotations: "{kubesim.dce.io/cpu-load: \"0.9\"}") + $"""

            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
              namespace: {ns}
            spec:
              scaleTargetRef: {"{"}apiVersion: apps/v1, kind: Deployment, name: web{"}"}
              maxReplicas: 3
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target: {"{"}type: Utilization, averageUtilization: 40{"}"}
            """);
        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).Trim() == "3", "scaled up to the maximum");

        using (var admin = server.Http(KubeSimServer.AdminToken))
        {
            var response = await admin.PutAsJsonAsync($"/sim/clusters/{KubeSimServer.Cluster}/namespaces/{ns}/load", new { cpu = "0.05" });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await Eventually.Until(async () => (await kubectl.OkAsync("-n", ns, "get", "hpa", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"AbleToScale\")].reason}")).Trim() == "ScaleDownStabilized",
            "the scale-down is stabilized");
        Assert.Equal("3", (await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).Trim());
        var described = await kubectl.OkAsync("-n", ns, "describe", "hpa", "web");
        Assert.Contains("recent recommendations were higher than current one, applying the highest recent recommendation", described, StringComparison.Ordinal);
        Assert.Contains("New size: 3; reason: cpu resource utilization (percentage of request) above target", described, StringComparison.Ordinal);
    }
}
