using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dce.KubeSim.Tests.Authorization;

/// <summary>HorizontalPodAutoscalers are served as autoscaling/v1 and v2 from one stored object.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class HorizontalPodAutoscalerVersionTests(KubeSimServer server)
{
    [Fact]
    public async Task Kubectl_autoscale_creates_an_autoscaler_readable_in_both_versions()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("hpa");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.OkAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.27");

        await kubectl.OkAsync("-n", ns, "autoscale", "deploy/web", "--min=2", "--max=5", "--cpu-percent=80");

        Assert.Contains("web", await kubectl.OkAsync("-n", ns, "get", "hpa"), StringComparison.Ordinal);
        var v2 = await kubectl.OkAsync("-n", ns, "get", "hpa", "web", "-o", "yaml");
        Assert.Contains("apiVersion: autoscaling/v2", v2, StringComparison.Ordinal);
        Assert.Contains("averageUtilization: 80", v2, StringComparison.Ordinal);
        var v1 = await kubectl.OkAsync("-n", ns, "get", "horizontalpodautoscalers.v1.autoscaling", "web", "-o", "yaml");
        Assert.Contains("apiVersion: autoscaling/v1", v1, StringComparison.Ordinal);
        Assert.Contains("targetCPUUtilizationPercentage: 80", v1, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics", v1, StringComparison.Ordinal);

        var client = server.Client();
        var asV1 = await client.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns);
        var asV2 = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns);
        Assert.Equal(80, asV1.Spec.TargetCPUUtilizationPercentage);
        Assert.Equal(80, asV2.Spec.Metrics.Single().Resource.Target.AverageUtilization);
        Assert.Equal(asV1.Metadata.Uid, asV2.Metadata.Uid);
        Assert.Equal(5, asV2.Spec.MaxReplicas);
    }

    [Fact]
    public async Task A_v1_update_keeps_the_v2_metrics_v1_cannot_express()
    {
        var client = server.Client();
        var ns = Manifests.UniqueNamespace("hpa");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "api" },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "api" },
                MinReplicas = 1,
                MaxReplicas = 4,
                Metrics =
                [
                    new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 } } },
                    new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "memory", Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("500Mi") } } },
                ],
            },
        }, ns);

        // The autoscaler controller writes status meanwhile: a read-modify-write retries on conflict, as client-go's RetryOnConflict does.
        for (var attempt = 1; ; attempt++)
        {
            var v1 = await client.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync("api", ns);
            Assert.Equal(70, v1.Spec.TargetCPUUtilizationPercentage);
            Assert.Contains("memory", v1.Metadata.Annotations["autoscaling.alpha.kubernetes.io/metrics"], StringComparison.Ordinal);
            v1.Spec.MaxReplicas = 9;
            v1.Spec.TargetCPUUtilizationPercentage = 60;
            try
            {
                await client.AutoscalingV1.ReplaceNamespacedHorizontalPodAutoscalerAsync(v1, "api", ns);
                break;
            }
            catch (k8s.Autorest.HttpOperationException conflict) when (conflict.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5)
            {
            }
        }

        var v2 = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("api", ns);
        Assert.Equal(9, v2.Spec.MaxReplicas);
        Assert.Equal(60, v2.Spec.Metrics[0].Resource.Target.AverageUtilization);
        Assert.Equal("memory", v2.Spec.Metrics[1].Resource.Name);
        Assert.Null(v2.Metadata.Annotations);

        var listed = await client.AutoscalingV1.ListNamespacedHorizontalPodAutoscalerAsync(ns);
        Assert.Equal("autoscaling/v1", listed.ApiVersion);
        Assert.Equal(60, listed.Items.Single().Spec.TargetCPUUtilizationPercentage);

        using var http = server.Http(server.Sim().Token);
        var watched = await http.GetStringAsync($"/clusters/{KubeSimServer.Cluster}/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers?watch=true&timeoutSeconds=1");
        Assert.Contains("\"apiVersion\":\"autoscaling/v1\"", watched, StringComparison.Ordinal);
        Assert.Contains("\"targetCPUUtilizationPercentage\":60", watched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_serves_both_versions_and_prefers_v2()
    {
        var kubectl = server.Kubectl();
        var group = await kubectl.OkAsync("get", "--raw", $"/apis/autoscaling");
        Assert.Contains("\"preferredVersion\":{\"groupVersion\":\"autoscaling/v2\"", group, StringComparison.Ordinal);
        Assert.Contains("\"autoscaling/v1\"", group, StringComparison.Ordinal);
        var openApi = await kubectl.OkAsync("get", "--raw", $"/openapi/v3/apis/autoscaling/v1");
        Assert.Contains("targetCPUUtilizationPercentage", openApi, StringComparison.Ordinal);
    }
}
